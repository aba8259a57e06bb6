/**
 * `reportlint init`: a commented `.reportlintrc.yaml` in the current folder for the user's kind of
 * issuing body and the deadline set locally for township reports — asked on a terminal (two
 * questions), or given as `--issuer` and `--deadline` by a script. It never overwrites a config
 * unless `--force`. The statutory deadlines (departments 31 January, a government's own report
 * 31 March) are not settings: publication-date tells them from the report's title. What a county
 * sets is the township and street deadline (publication-date's townshipDeadline), so that is the
 * second question whoever asks.
 */
import { createInterface } from 'node:readline/promises';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ConfigError } from '../engine/config.js';
import { CONFIG_FILES } from './config.js';
import type { Lang } from '../types.js';

export const ISSUERS = ['department', 'government', 'township'] as const;
export type Issuer = (typeof ISSUERS)[number];
export const CONFIG_NAME = '.reportlintrc.yaml';

const NAMES: Record<Issuer, { zh: string; en: string }> = {
  department: { zh: '县级以上人民政府部门', en: 'a department of a government at or above county level' },
  government: { zh: '人民政府（本级政府年度报告）', en: 'a government (its own annual report)' },
  township: { zh: '乡镇人民政府、街道办事处', en: 'a township government or street office' },
};

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function validDeadline(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= DAYS[Number(m[1]) - 1];
}

export function configYaml(issuer: Issuer, deadline: string, lang: Lang): string {
  const [m, d] = deadline.split('-').map(Number);
  const own = {
    department: '本单位年报须于次年1月31日前公布（《条例》第四十九条），publication-date 按标题中的部门名称判断。',
    government: '本级政府年报须于次年3月31日前公布（《条例》第四十九条）；报告还须写明工作考核、社会评议和责任追究结果（overview-topics）。',
    township: `本单位年报按本地规定于次年${m}月${d}日前公布。`,
  }[issuer];
  const ownEn = {
    department: 'Your report is due by 31 January (Regulations art. 49); publication-date tells a department from the title.',
    government: 'Your own report is due by 31 March (Regulations art. 49), and must give the results of assessment, public appraisal and accountability (overview-topics).',
    township: `Your report is due by ${deadline} (set locally).`,
  }[issuer];
  return `# reportlint 配置文件（由 reportlint init 生成）/ reportlint configuration (written by reportlint init)
# 本单位：${NAMES[issuer].zh} / issuer: ${NAMES[issuer].en} (${issuer})
# ${own}
# ${ownEn}
# 规则与级别见 reportlint rules；某个文件实际适用的配置见 reportlint check --print-config <文件>。
# Rules and levels: reportlint rules; what applies to a file: reportlint check --print-config <file>.

extends: reportlint:recommended   # 推荐规则 / the recommended rules (reportlint:format-2021 forces the 2021 format)

rules:
  # 乡镇、街道年报的本地公布期限（月-日），默认 01-31 / the local deadline for township and street reports (MM-DD)
  publication-date: [error, { townshipDeadline: "${deadline}" }]
  # 调整其他规则的级别（off、info、warn、error）/ other rules' levels (off, info, warn, error):
  # section-numbering: "off"
  # fee-reporting: error
${lang === 'en' ? 'lang: en                           # English messages / 英文消息\n' : '# lang: en                         # 英文消息 / English messages\n'}
# 不检查的文件（相对本文件所在文件夹）/ files not to check (relative to this file's folder):
# ignorePatterns:
#   - 草稿/**
`;
}

async function ask(lang: Lang): Promise<{ issuer: Issuer; deadline: string }> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const zh = lang === 'zh';
  try {
    let issuer: Issuer | undefined;
    while (!issuer) {
      const list = ISSUERS.map((k, i) => `  ${i + 1}) ${NAMES[k][lang]}`).join('\n');
      const a = (await rl.question(`${zh ? '本单位是' : 'Your body is'}\n${list}\n${zh ? '请选择 1-3：' : 'choose 1-3: '}`)).trim();
      issuer = ISSUERS[Number(a) - 1] ?? ISSUERS.find((k) => k === a);
    }
    let deadline: string | undefined;
    while (!deadline) {
      const a = (await rl.question(zh ? '本地规定的乡镇、街道年报公布期限（月-日，直接回车为 01-31）：' : 'The local deadline for township and street reports (MM-DD, Enter for 01-31): ')).trim() || '01-31';
      if (validDeadline(a)) deadline = a;
    }
    return { issuer, deadline };
  } finally {
    rl.close();
  }
}

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;

export function registerInit(program: Command, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('在当前文件夹生成带注释的 .reportlintrc.yaml / write a commented .reportlintrc.yaml in the current folder')
    .addOption(new Option('--issuer <type>', '本单位类型 / the kind of issuing body').choices([...ISSUERS]))
    .option('--deadline <MM-DD>', '乡镇、街道年报的本地公布期限 / the local deadline for township reports (default 01-31)')
    .option('--force', '覆盖已有的配置文件 / overwrite an existing config file')
    .addOption(new Option('--lang <lang>', '提问语言；en 时配置里写 lang: en / language of the questions (en also writes lang: en)').choices(['zh', 'en']))
    .action(async (o: { issuer?: Issuer; deadline?: string; force?: boolean; lang?: Lang }) => {
      const lang = o.lang ?? 'zh';
      const zh = lang === 'zh';
      const file = path.join(process.cwd(), CONFIG_NAME);
      if ((await exists(file)) && !o.force) throw new ConfigError(zh ? `${CONFIG_NAME} 已存在；要覆盖请加 --force` : `${CONFIG_NAME} exists; add --force to overwrite it`);
      // a config file that comes first in the lookup would hide the new one
      const before = CONFIG_FILES.slice(0, CONFIG_FILES.indexOf(CONFIG_NAME));
      for (const name of before)
        if (await exists(path.join(process.cwd(), name))) throw new ConfigError(zh ? `此处已有 ${name}，它优先于 ${CONFIG_NAME}；请直接编辑它` : `${name} is here already and takes precedence over ${CONFIG_NAME}; edit it instead`);
      if (o.deadline !== undefined && !validDeadline(o.deadline)) throw new ConfigError(`--deadline: ${zh ? '应为 月-日，如 02-20' : 'must be MM-DD, e.g. 02-20'} (${o.deadline})`);
      let issuer = o.issuer;
      let deadline = o.deadline;
      if (!issuer) {
        if (process.stdin.isTTY !== true) throw new ConfigError(zh ? '不在终端中运行：请用 --issuer department|government|township（及 --deadline 月-日）指定' : 'not on a terminal: give --issuer department|government|township (and --deadline MM-DD)');
        ({ issuer, deadline } = await ask(lang));
      }
      await writeFile(file, configYaml(issuer, deadline ?? '01-31', lang));
      process.stderr.write(zh ? `已写入 ${CONFIG_NAME}\n` : `wrote ${CONFIG_NAME}\n`);
      setExit(0);
    });
}
