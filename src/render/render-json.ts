// renderJson: the report exactly as ../shared/spec/report.md describes it, one line.
import type { Report, ReportError } from "../model/report.js";

export const renderJson = (report: Report | ReportError): string => JSON.stringify(report);
