/**
 * Progress of a batch on stderr: a bar redrawn in place on a terminal (done/total, rate, time
 * left, reports with errors, unreadable ones); elsewhere (a log, CI) a plain line every few seconds.
 */
import type { Lang } from '../types.js';

/**
 * `check` shows the bar only where someone watches (stderr a terminal) and only when the wait is
 * long: more than this many PDF or Word files, which take seconds each; text takes milliseconds.
 */
export const PROGRESS_AFTER = 3;
export const wantsProgress = (files: string[], stderrIsTTY: boolean): boolean => stderrIsTTY && files.filter((f) => /\.(pdf|docx)$/i.test(f)).length > PROGRESS_AFTER;

export class Progress {
  private done: number;
  private errors = 0;
  private fatal = 0;
  private readonly started = Date.now();
  private lastLine = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly total: number,
    private readonly already: number,
    private readonly lang: Lang,
    private readonly command = 'audit',
  ) {
    this.done = already;
    if (already > 0) this.say(lang === 'zh' ? `续上次：已完成 ${already} 份，余 ${total - already} 份` : `resuming: ${already} done, ${total - already} to go`);
  }

  tick(withErrors: boolean, fatal: boolean): void {
    this.done++;
    if (withErrors) this.errors++;
    if (fatal) this.fatal++;
    const now = Date.now();
    if (this.tty || now - this.lastLine > 5000 || this.done === this.total) {
      this.lastLine = now;
      this.draw();
    }
  }

  finish(): void {
    if (this.tty) process.stderr.write('\n');
  }

  private draw(): void {
    const secs = (Date.now() - this.started) / 1000;
    const rate = (this.done - this.already) / Math.max(secs, 0.001);
    const left = rate > 0 ? Math.round((this.total - this.done) / rate) : 0;
    const zh = this.lang === 'zh';
    const text = zh
      ? `${this.done}/${this.total} 份 · ${rate.toFixed(1)} 份/秒 · 预计还需 ${left} 秒 · 有错误 ${this.errors} 份 · 无法读取 ${this.fatal} 份`
      : `${this.done}/${this.total} reports · ${rate.toFixed(1)}/s · ${left} s left · ${this.errors} with errors · ${this.fatal} unreadable`;
    if (this.tty) {
      const width = 24;
      const filled = Math.round((this.done / Math.max(this.total, 1)) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\u001b[K`);
    } else this.say(text);
  }

  private say(text: string): void {
    process.stderr.write(`reportlint ${this.command}: ${text}\n`);
  }
}
