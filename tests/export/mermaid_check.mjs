// mermaid_check.mjs - parse Mermaid files with Mermaid's own parser.
//
// Not part of the test suite (it needs Node and the mermaid package); run
// it by hand after changing src/back/mermaid.c or to check a new Mermaid:
//
//   mkdir /tmp/mm && cd /tmp/mm && npm init -y && npm install mermaid jsdom
//   journey export MAP -f mermaid -o /tmp/mm/map.mmd
//   cp tests/export/mermaid_check.mjs /tmp/mm && node /tmp/mm/mermaid_check.mjs /tmp/mm/*.mmd
//
// Prints one JSON line per file: its title and tasks as Mermaid's journey
// database holds them ([section, task, score, actors]), or the parse
// error.  Exits 1 if any file fails to parse.
import { JSDOM } from 'jsdom';
import fs from 'fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let bad = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    const result = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    console.log(JSON.stringify({
      file, type: result.diagramType, title: db.getDiagramTitle(),
      tasks: db.getTasks().map((t) => [t.section, t.task, t.score, t.people]),
    }));
  } catch (e) {
    bad++;
    console.log(JSON.stringify({ file, error: String(e.message || e) }));
  }
}
process.exit(bad ? 1 : 0);
