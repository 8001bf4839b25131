// The same two processes as bench_engine.cpp, run by bpmn-engine (Node) for
// a ratio on the same machine. Run through run-bpmn-engine.sh, which
// installs bpmn-engine from npm into a temporary folder.
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';

function flow(id, source, target) {
  return `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"/>`;
}

function header() {
  return '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="definitions" targetNamespace="bench">';
}

function serviceChain(tasks) {
  let body = '<process id="chain" isExecutable="true"><startEvent id="s"/>';
  let previous = 's';
  for (let i = 1; i <= tasks; ++i) {
    const id = `t${i}`;
    body += flow(`f${id}`, previous, id) + `<serviceTask id="${id}" implementation="\${environment.services.work}"/>`;
    previous = id;
  }
  return header() + body + flow('fe', previous, 'e') + '<endEvent id="e"/></process></definitions>';
}

function forkJoin(branches) {
  let body = '<process id="fork" isExecutable="true"><startEvent id="s"/>' + flow('f0', 's', 'split') +
             '<parallelGateway id="split"/><parallelGateway id="join"/>';
  for (let i = 1; i <= branches; ++i) {
    const id = `b${i}`;
    body += flow(`in${id}`, 'split', id) + `<task id="${id}"/>` + flow(`out${id}`, id, 'join');
  }
  return header() + body + flow('fe', 'join', 'e') + '<endEvent id="e"/></process></definitions>';
}

// The XML is parsed once (bpmn-engine has no deploy step; reusing the parsed
// moddle context is the nearest thing), so the figure is execution only.
async function runOnce(moddleContext) {
  const engine = new Engine({ moddleContext, services: { work: (_context, next) => next() } });
  const ended = engine.waitFor('end');  // before execute: a short process ends inside it
  await engine.execute();
  await ended;
}

async function measure(name, source, elements, minimumSeconds) {
  const moddleContext = await new BpmnModdle().fromXML(source);
  let best = Infinity;
  for (let round = 0; round < 3; ++round) {
    let instances = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    do {
      await runOnce(moddleContext);
      ++instances;
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    } while (elapsed < minimumSeconds);
    best = Math.min(best, elapsed / instances);
  }
  console.log(`| ${name} (bpmn-engine) | ${Math.round(1 / best)} | ${Math.round((best * 1e9) / elements)} |`);
}

const minimum = Number(process.argv[2] ?? 1);
console.log('| process | instances/s | ns per element |\n|---|---|---|');
await measure('start -> 10 service tasks -> end', serviceChain(10), 12, minimum);
await measure('10-branch parallel fork/join', forkJoin(10), 14, minimum);
