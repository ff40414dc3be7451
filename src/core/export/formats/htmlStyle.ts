// The edition page's style sheet, inline so the file needs nothing else. Chinese typography:
// CJK serif body and sans headings from whatever the reader's system has (named for Windows,
// macOS, Linux), strict line breaking (no line starts with a closing mark or ends with an
// opening one), inter-character justification, adjacent punctuation compressed, CJK/Latin
// spacing, two-character paragraph indent; printable on A4 with a page break per printed page.
// Split articles get a quiet 上接/下转 note, as a printed page would have.

export const EDITION_CSS = `
@page { size: A4; margin: 18mm 17mm 20mm; }
:root {
  color-scheme: light;
  --serif: "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Noto Serif SC", "Songti SC", "STSong", "SimSun", "Songti", serif;
  --sans: "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
}
html { font-family: var(--serif); font-size: 17px; line-height: 1.85; color: #1a1a1a; background: #fff; }
body {
  max-width: 40em; margin: 0 auto; padding: 2.5em 1.5em 4em;
  line-break: strict; word-break: normal; overflow-wrap: break-word;
  text-spacing-trim: space-first; text-autospace: normal; hanging-punctuation: allow-end;
  font-kerning: normal; -webkit-text-size-adjust: 100%;
}
h1, h2, h3, h4, .kicker, .subtitle, .byline, .toc, .edition-date, .status, .notice { font-family: var(--sans); }
h1 { font-size: 2em; line-height: 1.3; margin: 0 0 .2em; letter-spacing: .05em; }
.edition-date { margin: 0 0 1.5em; color: #555; }
.notice { border: 1px solid #b3261e; color: #b3261e; padding: .5em .8em; margin: 0 0 1.5em; }
.toc { margin: 0 0 3em; break-after: page; }
.toc h2 { font-size: 1.2em; margin: 0 0 .5em; }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc ol ol { padding-left: 2em; margin: .2em 0 .6em; }
.toc li { margin: .15em 0; }
.toc a { color: inherit; text-decoration: none; }
.toc a:hover { text-decoration: underline; }
.toc .unapproved-mark { color: #b3261e; font-size: .8em; margin-left: .5em; }
.page { break-before: page; }
.page:first-of-type { break-before: auto; }
.page-label { font-size: 1.1em; color: #555; border-bottom: 2px solid #1a1a1a; padding-bottom: .2em; margin: 2.5em 0 1.2em; }
article { margin: 0 0 2.4em; }
article header { margin: 0 0 1em; break-after: avoid; }
.kicker { margin: 0; font-size: 1em; color: #333; }
h3.title { font-size: 1.55em; line-height: 1.4; margin: .1em 0 .2em; break-after: avoid; }
.subtitle { margin: 0 0 .3em; font-size: 1.05em; color: #333; }
.byline { margin: .3em 0 0; font-size: .9em; color: #555; }
h4.subhead { font-size: 1.05em; margin: 1.2em 0 .5em; break-after: avoid; }
article p.body { margin: 0 0 .7em; text-indent: 2em; text-align: justify; text-justify: inter-character; orphans: 2; widows: 2; }
figure { margin: 1em 0; padding: .5em .8em; border-left: 3px solid #999; background: #f6f6f6; break-inside: avoid; }
figcaption { font-size: .92em; text-align: justify; text-justify: inter-character; }
.caption-item figure { margin-top: 0; }
.status { display: inline-block; color: #fff; background: #b3261e; font-size: .8em; padding: 0 .5em; margin: 0 0 .3em; }
article.unapproved { border-left: 4px solid #b3261e; padding-left: 1em; }
/* Notes for a reader of the page only: generated content stays out of copied text. */
article[data-flags~="starts-elsewhere"]::before, article[data-flags~="continues-elsewhere"]::after {
  display: block; font-family: var(--sans); font-size: .85em; color: #777;
}
article[data-flags~="starts-elsewhere"]::before { content: "（上接他版）"; margin-bottom: .3em; }
article[data-flags~="continues-elsewhere"]::after { content: "（下转他版）"; text-align: right; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  figure { background: none; }
}
`
