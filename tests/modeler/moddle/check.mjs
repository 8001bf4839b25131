// Opens each BPMN file given on the command line with bpmn-moddle (the
// model layer of bpmn.io's tools: bpmn-js, the Camunda Modeler), the Zeebe
// extension package registered, as
//   moddle.fromXML(xml, 'bpmn:Definitions')
// Prints every warning as "<file>: <message>" and every error as
// "<file>: error: <message>"; exits 1 when any file has either, 2 on a bad
// command line, 0 when every file opens cleanly.
//
//   node check.mjs <file.bpmn>...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebe = JSON.parse(readFileSync(require.resolve('zeebe-bpmn-moddle/resources/zeebe.json'), 'utf8'));

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs <file.bpmn>...');
  process.exit(2);
}

// One line per warning: the message (whose first line is enough for
// unparsable content; the rest is where) plus the element's id if any.
function describe(warning) {
  const message = String(warning.message).replace(/\n\t/g, ' ');
  const id = warning.element && warning.element.id ? ` (element ${warning.element.id})` : '';
  return message + id;
}

let failed = false;
for (const file of files) {
  let xml;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    console.log(`${file}: error: cannot read: ${error.message}`);
    failed = true;
    continue;
  }
  const moddle = new BpmnModdle({ zeebe });
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    if (!rootElement || rootElement.$type !== 'bpmn:Definitions') {
      console.log(`${file}: error: the root is not bpmn:Definitions`);
      failed = true;
    }
    for (const warning of warnings) {
      console.log(`${file}: ${describe(warning)}`);
      failed = true;
    }
  } catch (error) {
    console.log(`${file}: error: ${String(error.message).replace(/\n\t/g, ' ')}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
