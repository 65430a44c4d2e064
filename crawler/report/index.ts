/** Report formatters: pure functions from the matrix / diff JSON to CSV, Markdown, HTML and XLSX. */
export { matrixToCsv, matrixTable, csvField } from './format-csv.ts';
export { matrixToMarkdown } from './format-md.ts';
export { matrixToHtml, escapeHtml, type HtmlReportOptions } from './format-html.ts';
export { matrixToXlsx } from './format-xlsx.ts';
export { diffToMarkdown } from './format-diff-md.ts';
export { CHANNEL_LABELS_FR, channelStats, gatingOf, groupBySector, hoursFr, formatPhoneFr, type Gating } from './common.ts';
