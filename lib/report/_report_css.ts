/**
 * Private: the style sheet of the HTML report (plain, printable, paper-like).
 * @module
 */

/** CSS inlined in the report's `<head>`. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f2; color: #222; font: 15px/1.5 Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; min-height: 100vh; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header .meta { margin: 0; color: #555; }
nav { margin: 16px 0 8px; font-size: 14px; }
nav a { margin-right: 16px; color: #0b5394; text-decoration: none; }
h2 { margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #222; font-size: 20px; }
h3 { margin: 24px 0 6px; font-size: 16px; }
p.note { color: #555; font-size: 14px; margin: 4px 0 10px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { padding: 4px 12px; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
th { border-top: 2px solid #222; border-bottom: 1px solid #222; font-weight: 600; background: #fafafa; }
tbody tr:last-child td { border-bottom: 2px solid #222; }
th:first-child, td:first-child { text-align: left; }
td.gap-neg { color: #b71c1c; }
td.gap-pos { color: #1b5e20; }
table.config td { text-align: left; font-family: Menlo, Consolas, monospace; font-size: 13px; white-space: normal; }
table.config th { text-align: left; }
table.config td:first-child { color: #555; white-space: nowrap; }
details { margin: 8px 0; }
summary { cursor: pointer; color: #0b5394; }
pre { background: #f7f7f7; border: 1px solid #e2e2e2; padding: 12px; overflow: auto; font-size: 12px; }
figure.chart { margin: 12px 0 28px; }
figure.chart .plot { width: 100%; }
figure.chart figcaption { color: #555; font-size: 13px; margin-top: 4px; }
.plot.failed { color: #b71c1c; border: 1px dashed #b71c1c; padding: 12px; height: auto !important; }
footer { margin-top: 40px; color: #777; font-size: 12px; }
@media print { body { background: #fff; } main { padding: 0; } nav { display: none; } }
`;
