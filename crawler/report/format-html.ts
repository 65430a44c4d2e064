/**
 * `matrix --format html` / `report`: one self-contained HTML document an analyst can send as is.
 * Inline CSS, no external resource (screenshots are data: URIs or paths relative to the report),
 * readable without JavaScript (a few lines only add "expand/collapse all" buttons).
 *
 * Sections, after the 2025 study: synthesis matrix per sector (open to all / customers only /
 * cookie-gated, clicks from the home page), presence rates per sector and panel, the study's
 * per-channel comparison tables (criteria × actors, per sector), actors and consent, and the
 * evidence behind every present cell (click path, page, signals and snippets, screenshot).
 */
import type { MatrixJson } from '../types.ts';
import { channelKeys, dateFr, groupBySector, statusCounts } from './common.ts';
import { escapeHtml as e, type ArchiveLink } from './html-cells.ts';
import { COMPARISONS, comparisonTable } from './html-comparisons.ts';
import { evidenceSection } from './html-evidence.ts';
import { actorsTable, ratesTable, synthesisTable } from './html-tables.ts';

export { escapeHtml, type ArchiveLink } from './html-cells.ts';

export interface HtmlReportOptions {
  title?: string;
  /** page URL → image source (a data: URI, or a path relative to the report file) */
  screenshots?: Record<string, string>;
  /** actor id → its web archives (scan --archive), one per consent pass, paths relative to the report */
  archives?: Record<string, ArchiveLink[]>;
}

// ---------------------------------------------------------------------------------------------

const CSS = `
:root{--open:#d7f0dc;--open-b:#2e7d32;--cust:#dde3fb;--cust-b:#3949ab;--cook:#ffe7c2;--cook-b:#c25e00;--grey:#6b7280;--line:#d9dde3}
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif;margin:0;color:#1f2933;background:#fff;font-size:14px;line-height:1.4}
header{background:#b3141c;color:#fff;padding:20px 32px}
header h1{margin:0 0 6px;font-size:24px}
header .meta{margin:2px 0;opacity:.95}
header code{color:#fff;background:rgba(255,255,255,.15);padding:0 4px;border-radius:3px}
.pill{display:inline-block;padding:2px 10px;border-radius:10px;background:#fff;color:#1f2933;margin-right:6px;font-weight:600}
.pill.partial{background:#fff3cd}.pill.failed{background:#fde2e1}
nav{padding:10px 32px;border-bottom:1px solid var(--line);background:#f7f8fa}
nav a{margin-right:16px;color:#b3141c;text-decoration:none;font-weight:600}
main{padding:8px 32px 40px;max-width:1500px}
h2{color:#b3141c;border-bottom:2px solid #b3141c;padding-bottom:4px;margin-top:32px}
h3{margin:22px 0 8px}
h3 small,th small{color:var(--grey);font-weight:normal}
.scroll{overflow-x:auto;margin-bottom:10px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid var(--line);padding:5px 8px;vertical-align:middle}
thead th{background:#f1f3f6;font-weight:600;text-align:center}
tbody th,tfoot th{text-align:left;background:#fafbfc;font-weight:600}
table.matrix{width:100%;table-layout:fixed}table.matrix thead th:first-child{width:190px}
table.matrix td,table.compare td{text-align:center;min-width:88px}
.cmp-grid{display:flex;flex-wrap:wrap;gap:4px 28px;align-items:flex-start}
ul.notes{margin:0 0 8px;padding-left:18px;color:#7a5b00;font-size:13px}
.cell a{color:inherit;text-decoration:none;display:block}
.cell .mark{display:block;font-weight:600;white-space:nowrap}
.cell .clicks{display:block;font-size:12px}
.cell.open{background:var(--open);color:#1b5e20}
.cell.customers{background:var(--cust);color:#1a237e}
.cell.cookies{background:var(--cook);color:#7a3b00;outline:2px dashed var(--cook-b);outline-offset:-3px}
.cell.customers.cookies{background:linear-gradient(135deg,var(--cust) 50%,var(--cook) 50%)}
.cell.absent{color:#9aa1ab;background:#fff}
.cell.na{color:var(--grey);background:#f3f4f6;font-style:italic}
.cell.failed{background:#fde2e1;color:#8a1c1c;text-align:left}.cell.blocked{background:#ede7f6;color:#4a148c}
tr.pct td,tr.pct th{background:#f1f3f6}
.status{font-size:11px;padding:1px 6px;border-radius:8px;font-weight:600;white-space:nowrap}
.status.partial{background:#fff3cd;color:#7a5b00}.status.failed{background:#fde2e1;color:#8a1c1c}.status.ok{background:#e6f4ea;color:#1b5e20}
.legend{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0 4px}
.legend .cell{display:inline-block;padding:3px 10px;border:1px solid var(--line)}
.legend .note{color:var(--grey)}
table.rates td.rate{min-width:130px}
.bar{height:6px;background:#eceff3;border-radius:3px;margin-bottom:3px}
.bar span{display:block;height:6px;background:#b3141c;border-radius:3px}
td.rate.panel{background:#fafbfc}
td.median,td.num{text-align:center}
caption{caption-side:top;text-align:left;font-weight:600;padding:6px 0;font-size:15px}
table.compare th[scope=row]{max-width:260px}
.yes{color:#1b7f2a;font-weight:700}.no{color:#b3141c;font-weight:700}.unknown{color:var(--grey)}
.actor-evidence{border-top:1px solid var(--line);margin-top:14px}
details.evidence{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:6px 12px;background:#fcfcfd}
details.evidence summary{cursor:pointer;font-size:15px;padding:2px 0}
.badge{display:inline-block;padding:1px 8px;border-radius:8px;font-size:12px;margin-left:6px}
.badge.cookies{outline:none;border:1px dashed var(--cook-b)}
dl{display:grid;grid-template-columns:80px 1fr;gap:2px 10px;margin:8px 0}
dt{color:var(--grey)}dd{margin:0;word-break:break-all}
dd.path{word-break:normal;font-weight:600}
table.signals{width:100%;font-size:13px}
table.signals td{vertical-align:top}
td.snippet code{white-space:pre-wrap;word-break:break-word}
code{font-family:"DejaVu Sans Mono","Liberation Mono",Consolas,monospace;font-size:12px;background:#f3f4f6;padding:0 3px;border-radius:3px}
a.url{word-break:break-all;color:#0b57d0}
figure{margin:10px 0}
figure img{max-width:100%;max-height:420px;border:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.15)}
figcaption{font-size:12px;color:var(--grey)}
.top{text-align:right;font-size:12px}.top a{color:var(--grey)}
.tools button{margin-right:8px}
footer{color:var(--grey);font-size:12px;padding:0 32px 24px}
@media print{nav,.tools,.top{display:none}header{background:#fff;color:#b3141c;border-bottom:3px solid #b3141c}.pill{border:1px solid #ccc}
.cell.open,.cell.customers,.cell.cookies{-webkit-print-color-adjust:exact;print-color-adjust:exact}details.evidence{break-inside:avoid}}
`;

const SCRIPT = `
document.querySelectorAll('.tools').forEach(function(t){t.hidden=false});
function ctToggle(open){document.querySelectorAll('details.evidence').forEach(function(d){d.open=open})}
`;

export function matrixToHtml(m: MatrixJson, opts: HtmlReportOptions = {}): string {
  const shots = opts.screenshots ?? {};
  const title = opts.title ?? `Contactabilité des canaux de contact — édition ${m.run.edition}`;
  const n = statusCounts(m.actors);
  const sectors = groupBySector(m.actors);

  const synthesis = sectors
    .map(
      (s) =>
        `<h3 id="sector-${e(s.sector.replace(/\s+/g, '-'))}">Secteur ${e(s.sector)} <small>(${s.actors.length} acteur${s.actors.length > 1 ? 's' : ''})</small></h3>\n` +
        synthesisTable(m, s.sector, s.actors),
    )
    .join('\n');

  const comparisons = COMPARISONS.filter((c) => c.channels.some((k) => channelKeys(m).includes(k)))
    .map(
      (cmp) =>
        `<section class="comparison" id="${cmp.id}"><h3>${e(cmp.title)}</h3>\n` +
        '<div class="cmp-grid">' +
        sectors.map((s) => comparisonTable(cmp, s.sector, s.actors)).join('\n') +
        '</div></section>',
    )
    .join('\n');

  const legend =
    '<div class="legend">' +
    '<span class="cell open"><b>✓ tous</b> ouvert à tous</span>' +
    '<span class="cell customers"><b>✓ clients</b> réservé aux clients connectés</span>' +
    '<span class="cell cookies"><b>✓ cookies</b> visible seulement après acceptation des cookies</span>' +
    '<span class="cell absent">— non trouvé</span>' +
    '<span class="note">« n clics » : nombre minimal de clics depuis la page d’accueil (0 = sur l’accueil). Chaque case renvoie à ses preuves.</span>' +
    '</div>';

  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="contactability">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
<p class="meta">Édition <b>${e(m.run.edition)}</b> · run <code>${e(m.run.id)}</code> · début ${e(dateFr(m.run.startedAt))} · fin ${e(m.run.finishedAt ? dateFr(m.run.finishedAt) : 'en cours')}</p>
<p class="meta counts">${m.actors.length} acteurs : <span class="pill ok">${n.ok} analysés</span><span class="pill partial">${n.partial} partiel${n.partial > 1 ? 's' : ''}</span><span class="pill failed">${n.failed} en échec</span></p>
</header>
<nav><a href="#synthese">Synthèse</a><a href="#taux">Taux de présence</a><a href="#comparatifs">Comparatifs par canal</a><a href="#acteurs">Acteurs &amp; cookies</a><a href="#preuves">Preuves</a></nav>
<main>
<section id="synthese"><h2>1. Synthèse des canaux de contact</h2>
${legend}
${synthesis}
</section>
<section id="taux"><h2>2. Taux de présence par canal</h2>
<p>Part des acteurs analysés (hors échecs) chez qui le canal a été trouvé, par secteur et sur l’ensemble du panel.</p>
${ratesTable(m)}
</section>
<section id="comparatifs"><h2>3. Comparatifs par canal</h2>
<p>✓ oui · ✗ non · ? non déterminé · — canal absent · n/a site non analysé.</p>
${comparisons}
</section>
<section id="acteurs"><h2>4. Acteurs &amp; bandeau cookies</h2>
${actorsTable(m, opts.archives ?? {})}
</section>
<section id="preuves"><h2>5. Preuves</h2>
<p>Pour chaque canal trouvé : le chemin de clics depuis l’accueil, la page, ce qui a été vu et, quand elle existe, la capture d’écran.</p>
<p class="tools" hidden><button type="button" onclick="ctToggle(true)">Tout déplier</button><button type="button" onclick="ctToggle(false)">Tout replier</button></p>
${evidenceSection(m, shots, opts.archives ?? {})}
</section>
</main>
<footer>Généré par contactability · run ${e(m.run.id)}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
