// Escaping shared by the XML and HTML writers. Text reaching them is already cleaned of
// characters XML cannot carry (see clean.ts).

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\t/g, '&#9;')
}

/** `<name a="1">text</name>`, attributes with null values left out. */
export function element(name: string, attributes: Record<string, string | number | null>, text: string | null = null): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== null)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('')
  return text === null ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeText(text)}</${name}>`
}
