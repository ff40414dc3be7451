import { XMLParser, XMLValidator } from 'fast-xml-parser'

// OCR files are read into a small element tree with entities OFF: no DTD is read, no entity is
// declared or expanded (no billion laughs, no external entities), only the five predefined
// entities and character references are decoded, by us. Limits keep a hostile file from
// costing more than a page should.

export class OcrFormatError extends Error {
  override name = 'OcrFormatError'
}

export interface XNode {
  /** Local name, without a namespace prefix. */
  name: string
  /** Namespace URI of the element, when declared (xmlns or xmlns:prefix in scope). */
  ns: string
  attrs: Record<string, string>
  children: XNode[]
  /** The element's own text (concatenated text children), entities decoded. */
  text: string
}

/** Deepest element nesting an OCR file needs (ALTO: Layout/Page/PrintSpace/ComposedBlock…/String). */
const MAX_DEPTH = 64
const MAX_ATTRIBUTE_CHARS = 1 << 20
const MAX_ELEMENTS = 2_000_000

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  maxNestedTags: MAX_DEPTH
})

/** Parses XML text into a tree; a one-line reason when it is not well-formed or is hostile. */
export function parseXml(text: string): XNode {
  checkDeclarations(text)
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false })
  if (valid !== true) throw new OcrFormatError(`malformed XML (line ${valid.err.line}: ${valid.err.msg.replace(/\s+/g, ' ')})`)
  let raw: unknown[]
  try {
    raw = parser.parse(text) as unknown[]
  } catch (error) {
    throw new OcrFormatError(`malformed XML (${(error as Error).message.split('\n')[0]})`)
  }
  const counter = { elements: 0 }
  const roots = convert(raw, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 0, counter)
  const root = roots.find((n) => n.name !== '')
  if (!root) throw new OcrFormatError('malformed XML (no root element)')
  return root
}

/**
 * A DOCTYPE may name an external DTD (XHTML hOCR does; it is never fetched) but may not declare
 * anything: an internal subset is where entity bombs and external entities live.
 */
function checkDeclarations(text: string): void {
  const head = text.slice(0, 4096)
  const doctype = /<!DOCTYPE\b/i.exec(text)
  if (doctype) {
    const rest = text.slice(doctype.index, doctype.index + 4096)
    const end = rest.indexOf('>')
    const bracket = rest.indexOf('[')
    if (bracket !== -1 && (end === -1 || bracket < end)) throw new OcrFormatError('XML with an internal DTD (entity declarations are not accepted)')
    if (/<!DOCTYPE\b/i.test(text.slice(doctype.index + 9))) throw new OcrFormatError('malformed XML (more than one DOCTYPE)')
  }
  if (/<!ENTITY\b/i.test(text)) throw new OcrFormatError('XML with entity declarations (not accepted)')
  if (/<\?xml[^>]*encoding\s*=\s*["'](?!utf-?8|utf-?16|gb18030|gbk|gb2312)/i.test(head)) {
    // the bytes were decoded as UTF-8/16 or GB18030 already; a different declared encoding is a lie
    const declared = /encoding\s*=\s*["']([^"']+)/i.exec(head)?.[1] ?? '?'
    throw new OcrFormatError(`XML declares an encoding Galley does not read (${declared})`)
  }
}

type RawNode = Record<string, unknown>

function convert(raw: unknown[], scope: Map<string, string>, depth: number, counter: { elements: number }): XNode[] {
  if (depth > MAX_DEPTH) throw new OcrFormatError(`XML nested deeper than ${MAX_DEPTH} elements`)
  const out: XNode[] = []
  for (const item of raw) {
    const node = item as RawNode
    for (const key of Object.keys(node)) {
      if (key === ':@') continue
      if (key === '#text') {
        out.push({ name: '', ns: '', attrs: {}, children: [], text: decodeEntities(String(node[key])) })
        continue
      }
      if (++counter.elements > MAX_ELEMENTS) throw new OcrFormatError(`XML with more than ${MAX_ELEMENTS} elements`)
      const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>
      const attrs: Record<string, string> = {}
      let localScope = scope
      for (const [name, value] of Object.entries(rawAttrs)) {
        const v = String(value)
        if (v.length > MAX_ATTRIBUTE_CHARS) throw new OcrFormatError(`XML attribute ${name} of <${key}> is ${v.length} characters long (the limit is ${MAX_ATTRIBUTE_CHARS})`)
        const decoded = decodeEntities(v)
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          if (localScope === scope) localScope = new Map(scope)
          localScope.set(name === 'xmlns' ? '' : name.slice(6), decoded)
        }
        attrs[localName(name)] = decoded
      }
      const colon = key.indexOf(':')
      const prefix = colon === -1 ? '' : key.slice(0, colon)
      const children = convert((node[key] ?? []) as unknown[], localScope, depth + 1, counter)
      const elements = children.filter((c) => c.name !== '')
      const text = children
        .filter((c) => c.name === '')
        .map((c) => c.text)
        .join('')
      out.push({ name: localName(key), ns: localScope.get(prefix) ?? '', attrs, children: elements, text })
    }
  }
  return out
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** The five predefined entities and character references; any other entity is left as written. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole
    }
    return PREDEFINED[ref] ?? whole
  })
}

/** Every descendant element named `name`, in document order. */
export function descendants(node: XNode, name: string, out: XNode[] = []): XNode[] {
  for (const child of node.children) {
    if (child.name === name) out.push(child)
    descendants(child, name, out)
  }
  return out
}

export function child(node: XNode, name: string): XNode | undefined {
  return node.children.find((c) => c.name === name)
}
