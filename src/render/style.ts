// Terminal styling: colour only when asked (the CLI asks on a TTY without NO_COLOR); renderers
// stay pure. Plain SGR codes: util.styleText decides on its own whether to colour.
const SGR = {
  bold: [1, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof SGR;
export type Paint = (style: Style, text: string) => string;

export const paintFor = (color: boolean): Paint =>
  color ? (style, text) => `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m` : (_style, text) => text;
