// A small parser for the parts of a Prisma schema that define the data model: models (fields with their type,
// optionality, list-ness and attributes; block attributes such as @@index, @@unique, @@id), enums, and the
// datasource provider. Comments are dropped (strings are respected). It is strict: a line it does not
// understand is an error, so a construct it does not know cannot slip past a comparison unseen.

export type Field = { name: string; type: string; optional: boolean; list: boolean; attributes: string[] };
export type Model = { name: string; fields: Field[]; blockAttributes: string[] };
export type Schema = { provider: string | null; models: Model[]; enums: { name: string; values: string[] }[] };

/** Removes `//` and `///` comments outside string literals. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && inString) {
      i++;
      continue;
    }
    if (ch === '"') inString = !inString;
    else if (!inString && ch === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** Splits attributes (`@id @default(cuid()) @db.Text`) at top level, keeping parenthesised arguments whole. */
export function splitAttributes(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      current += ch;
      if (ch === '\\') current += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '@' && depth === 0 && current.trim() !== '') {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  if (current.trim() !== '') out.push(current);
  if (depth !== 0 || inString) throw new Error(`unbalanced attribute text: ${text}`);
  return out.map(normalizeAttribute);
}

/** Whitespace outside strings removed, so `@@index([a, b])` and `@@index([a,b])` compare equal. */
function normalizeAttribute(attribute: string): string {
  let out = '';
  let inString = false;
  for (const ch of attribute.trim()) {
    if (ch === '"') inString = !inString;
    if (!inString && /\s/.test(ch)) continue;
    out += ch;
  }
  return out;
}

export function parsePrismaSchema(source: string): Schema {
  const schema: Schema = { provider: null, models: [], enums: [] };
  const lines = source.split(/\r?\n/).map((l) => stripComment(l).trim());
  let block: { kind: string; name: string; body: string[] } | null = null;
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    if (!block) {
      const open = /^(model|enum|datasource|generator|type|view)\s+(\w+)\s*\{$/.exec(line);
      if (!open) throw new Error(`line ${index + 1}: expected a block, got "${line}"`);
      block = { kind: open[1]!, name: open[2]!, body: [] };
      continue;
    }
    if (line === '}') {
      finishBlock(schema, block);
      block = null;
      continue;
    }
    block.body.push(line);
  }
  if (block) throw new Error(`block ${block.name} is not closed`);
  return schema;
}

function finishBlock(schema: Schema, block: { kind: string; name: string; body: string[] }) {
  switch (block.kind) {
    case 'datasource': {
      for (const line of block.body) {
        const m = /^provider\s*=\s*"([^"]+)"$/.exec(line);
        if (m) schema.provider = m[1]!;
      }
      return;
    }
    case 'generator':
      return;
    case 'enum':
      schema.enums.push({ name: block.name, values: block.body.map((l) => splitAttributes(l).join(' ')) });
      return;
    case 'model': {
      const model: Model = { name: block.name, fields: [], blockAttributes: [] };
      for (const line of block.body) {
        if (line.startsWith('@@')) {
          model.blockAttributes.push(...splitAttributes(line));
          continue;
        }
        const m = /^(\w+)\s+(\w+)(\[\])?(\?)?(?:\s+(.*))?$/.exec(line);
        if (!m) throw new Error(`model ${block.name}: cannot read the field line "${line}"`);
        model.fields.push({ name: m[1]!, type: m[2]!, list: m[3] === '[]', optional: m[4] === '?', attributes: m[5] ? splitAttributes(m[5]) : [] });
      }
      schema.models.push(model);
      return;
    }
    default:
      throw new Error(`a "${block.kind}" block (${block.name}) is not understood by this comparison; extend test/unit/support/prisma-schema.ts`);
  }
}

/** The data model with provider-specific parts removed: @db.* native types, and the order of fields and attributes. */
export function portableModel(schema: Schema) {
  return {
    models: Object.fromEntries(
      [...schema.models]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((m) => [
          m.name,
          {
            fields: Object.fromEntries(
              [...m.fields]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((f) => [f.name, { type: f.type, optional: f.optional, list: f.list, attributes: f.attributes.filter((a) => !a.startsWith('@db.')).sort() }]),
            ),
            blockAttributes: [...m.blockAttributes].sort(),
          },
        ]),
    ),
    enums: Object.fromEntries(schema.enums.map((e) => [e.name, e.values])),
  };
}
