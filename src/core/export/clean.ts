// Every format gets text it can carry: XML 1.0 refuses C0 controls, lone surrogates and
// U+FFFE/U+FFFF, YAML and JSON readers trip on them too, and they are never wanted in print.
// A line break inside a field (one paragraph a line in the working text) becomes a space.

const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function cleanText(text: string): string {
  return text.replace(UNWANTED, '').replace(/\r\n?|\n|\u2028|\u2029/g, ' ').trim()
}

export function cleanTextOrNull(text: string | null): string | null {
  if (text === null) return null
  const cleaned = cleanText(text)
  return cleaned === '' ? null : cleaned
}
