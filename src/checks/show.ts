// Short, secret-free renderings of configuration values for evidence.
const LIMIT = 200;

/** A configuration value as compact JSON, cut to a readable length. */
export const show = (value: unknown): string => {
  const s = value === undefined ? "(not set)" : typeof value === "string" ? (value === "" ? '""' : value) : JSON.stringify(value);
  return s.length > LIMIT ? `${s.slice(0, LIMIT)}…` : s;
};

export const listOf = (items: readonly string[] | undefined): string => (items && items.length > 0 ? items.join(", ") : "none");
