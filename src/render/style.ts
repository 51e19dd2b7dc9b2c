// Terminal styling: colour only when asked (a TTY without NO_COLOR); renderers stay pure.
import { styleText } from "node:util";

export type Paint = (style: Parameters<typeof styleText>[0], text: string) => string;

export const paintFor = (color: boolean): Paint => (color ? (style, text) => styleText(style, text) : (_style, text) => text);
