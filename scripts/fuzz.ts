/**
 * `npm run fuzz -- --count N --seed S`: mutated fixtures through the core, each in a child process
 * with a time and a memory limit. Prints
 *   fuzz: N inputs, ok A, fatal F, crash C, hang H, oom O
 * (each input runs with the core's time budget at 60% of the limit, so a slow input is a fatal
 * 'too slow', counted apart; the budget is checked between steps, and the rest of the limit is
 * for a single step that overruns it: a font pdf.js compiles, a document mammoth parses) and saves every failing input with the seed and index that regenerate it (`--index I` reruns one).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { fuzzInput, loadBases } from './fuzz/inputs.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..'); // dist/scripts → the project
const childScript = join(here, 'fuzz', 'child.js');

const program = new Command('fuzz')
  .option('--count <n>', 'inputs to run', (v) => Number(v), 1000)
  .option('--seed <s>', 'seed: the same seed gives the same inputs', (v) => Number(v), 1)
  .option('--start <i>', 'first index', (v) => Number(v), 0)
  .option('--index <i...>', 'run only these indexes (regenerate saved failures)')
  .option('--jobs <n>', 'child processes at once', (v) => Number(v), Math.max(1, availableParallelism()))
  .option('--timeout <seconds>', 'time limit per input', (v) => Number(v), 10)
  .option('--memory <mb>', 'memory limit per process (old space, and resident size after each input)', (v) => Number(v), 1024)
  .option('--slow <seconds>', 'report inputs slower than this', (v) => Number(v), 3)
  .option('--out <dir>', 'where failing inputs are saved', 'fuzz-out')
  .option('--quiet', 'only the summary');
program.parse();
const opts = program.opts<{ count: number; seed: number; start: number; index?: string[]; jobs: number; timeout: number; memory: number; slow: number; out: string; quiet?: boolean }>();

type Outcome = 'ok' | 'fatal' | 'crash' | 'hang' | 'oom';
interface Done {
  index: number;
  outcome: Outcome;
  ms: number;
  mutation: string;
  detail?: string;
  overBudget?: boolean;
}

const queue = opts.index ? opts.index.map(Number) : Array.from({ length: opts.count }, (_, i) => opts.start + i);
const total = queue.length;
const results: Done[] = [];
const bases = loadBases(root);
const log = (s: string) => opts.quiet || process.stderr.write(`${s}\n`);

function save(d: Done): void {
  mkdirSync(opts.out, { recursive: true });
  const input = fuzzInput(opts.seed, d.index, bases);
  const stem = join(opts.out, `${opts.seed}-${d.index}`);
  writeFileSync(`${stem}${input.name.slice(input.name.lastIndexOf('.'))}`, input.bytes);
  writeFileSync(`${stem}.json`, JSON.stringify({ seed: opts.seed, index: d.index, name: input.name, base: input.base, mutation: input.mutation, size: input.bytes.length, outcome: d.outcome, ms: Math.round(d.ms), detail: d.detail?.slice(0, 4000) }, null, 2));
}

function record(d: Done): void {
  results.push(d);
  if (d.outcome === 'crash' || d.outcome === 'hang' || d.outcome === 'oom') {
    save(d);
    log(`${d.outcome}: seed ${opts.seed} index ${d.index} (${d.mutation}) ${d.detail?.split('\n')[0] ?? ''}`);
  } else if (d.overBudget) log(`over budget: seed ${opts.seed} index ${d.index} (${d.mutation}) ${(d.ms / 1000).toFixed(1)} s`);
  else if (d.ms > opts.slow * 1000) log(`slow: seed ${opts.seed} index ${d.index} (${d.mutation}) ${(d.ms / 1000).toFixed(1)} s`);
}

/** One child at a time per slot: it takes the next index when it has answered the last. */
function runSlot(): Promise<void> {
  return new Promise((finish) => {
    let child: ChildProcess;
    let current: { index: number; mutation: string; started: number } | null = null;
    let timer: NodeJS.Timeout | undefined;
    let stderr = '';
    let ended = false;

    const next = () => {
      current = null;
      const index = queue.shift();
      if (index === undefined) {
        ended = true;
        child.kill();
        finish();
        return;
      }
      current = { index, mutation: '?', started: performance.now() };
      child.send({ index });
    };
    const restart = (d: Done) => {
      clearTimeout(timer);
      current = null;
      record(d);
      spawn();
    };
    const spawn = () => {
      stderr = '';
      child = fork(childScript, [root, String(opts.seed), String(Math.round(opts.timeout * 600))], {
        execArgv: [`--max-old-space-size=${opts.memory}`],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-8000)));
      child.on('message', (m: { type: string; index: number; mutation: string; outcome: Outcome; reason?: string; detail?: string; ms: number; rss: number; overBudget?: boolean }) => {
        if (m.type === 'ready') return next();
        if (m.type === 'start' && current) {
          current.mutation = m.mutation;
          current.started = performance.now();
          timer = setTimeout(() => {
            const c = current!;
            child.removeAllListeners('exit');
            child.kill('SIGKILL');
            restart({ index: c.index, outcome: 'hang', ms: performance.now() - c.started, mutation: c.mutation, detail: `no answer in ${opts.timeout} s` });
          }, opts.timeout * 1000);
          return;
        }
        if (m.type === 'crash' && current) {
          const c = current;
          child.removeAllListeners('exit');
          return restart({ index: c.index, outcome: 'crash', ms: performance.now() - c.started, mutation: c.mutation, detail: m.detail });
        }
        if (m.type === 'done' && current) {
          clearTimeout(timer);
          const overMemory = m.rss > opts.memory * 1024 * 1024;
          const d: Done = { index: m.index, outcome: overMemory ? 'oom' : m.outcome, ms: m.ms, mutation: current.mutation, overBudget: m.overBudget, detail: overMemory ? `resident size ${(m.rss / 1048576).toFixed(0)} MB after the input` : m.outcome === 'crash' ? m.reason : undefined };
          if (overMemory) {
            child.removeAllListeners('exit');
            child.kill('SIGKILL');
            return restart(d);
          }
          record(d);
          next();
        }
      });
      child.on('exit', (code, signal) => {
        if (ended || !current) return;
        const c = current;
        const oom = /heap out of memory|Allocation failed|invalid array length|Invalid typed array length/i.test(stderr);
        restart({ index: c.index, outcome: oom ? 'oom' : 'crash', ms: performance.now() - c.started, mutation: c.mutation, detail: `process ended (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-6).join(' | ')}` });
      });
    };
    spawn();
  });
}

const started = performance.now();
let shown = 0;
const progress = setInterval(() => {
  if (results.length - shown >= 100 || !opts.quiet) {
    shown = results.length;
    log(`… ${results.length}/${total} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}, 30_000);
await Promise.all(Array.from({ length: Math.min(opts.jobs, total) }, runSlot));
clearInterval(progress);

const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
const slow = results.filter((r) => r.ms > opts.slow * 1000).length;
const byMutation = new Map<string, number[]>();
for (const r of results) byMutation.set(r.mutation, [...(byMutation.get(r.mutation) ?? []), r.ms]);
if (!opts.quiet) {
  for (const [m, ms] of [...byMutation].sort((a, b) => Math.max(...b[1]) - Math.max(...a[1])))
    log(`  ${m.padEnd(28)} ${String(ms.length).padStart(5)} inputs, slowest ${(Math.max(...ms) / 1000).toFixed(2)} s`);
}
console.log(`fuzz: ${results.length} inputs, ok ${count('ok')}, fatal ${count('fatal')}, crash ${count('crash')}, hang ${count('hang')}, oom ${count('oom')}`);
console.log(`(seed ${opts.seed}, limits ${opts.timeout} s and ${opts.memory} MB per input; ${results.filter((r) => r.overBudget).length} of the fatal ones for the core's time budget of ${(opts.timeout * 0.6).toFixed(1)} s, ${slow} over ${opts.slow} s; ${((performance.now() - started) / 1000).toFixed(0)} s in all${count('crash') + count('hang') + count('oom') ? `; failing inputs saved in ${opts.out}/` : ''})`);
process.exit(count('crash') + count('hang') + count('oom') > 0 ? 1 : 0);
