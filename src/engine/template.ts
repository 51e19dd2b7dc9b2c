// fillTemplate: "{name|fallback}" placeholders → values from the evidence. A missing value
// renders its fallback, or `<name>` so the user sees what to fill in.
export type Vars = Readonly<Record<string, string | undefined>>;

export const fillTemplate = (template: string, vars: Vars): string =>
  // "%{http_code}" is curl's own -w syntax, not a placeholder
  template.replace(/(?<!%)\{([A-Za-z][\w]*)(?:\|([^{}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const v = vars[name];
    if (v !== undefined && v !== "") return v;
    return fallback ?? `<${name}>`;
  });
