// The official SARIF 2.1.0 schema (OASIS errata01, JSON Schema draft-04) as a validator.
import { readFileSync } from "node:fs";
// a CommonJS module: its default import is module.exports, whose `default` is the class
import ajvDraft04 from "ajv-draft-04";
import type { ErrorObject } from "ajv-draft-04";

const schemaPath = new URL("../../../test/fixtures/sarif-schema-2.1.0.json", import.meta.url);

const isUri = (s: string): boolean => URL.canParse(s);
const isUriReference = (s: string): boolean => URL.canParse(s, "http://base.invalid/") && !/\s/.test(s);
const isDateTime = (s: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s));

export const sarifValidator = (): ((doc: unknown) => ErrorObject[]) => {
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false });
  ajv.addFormat("uri", isUri);
  ajv.addFormat("uri-reference", isUriReference);
  ajv.addFormat("date-time", isDateTime);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")) as object);
  return (doc) => (validate(doc) ? [] : [...(validate.errors ?? [])]);
};
