/** A file the core cannot read at all: one clear fatal message, in both languages. */
export type FatalCode =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'unsupported-format'
  | 'decode-failed'
  | 'wrong-signature'
  | 'encrypted-office'
  | 'no-text'
  | 'not-implemented';

const reasons: Record<FatalCode, { zh: string; en: string }> = {
  empty: { zh: '文件为空，没有可检查的内容', en: 'the file is empty: nothing to check' },
  'too-large': { zh: '文件过大（{size}），超过上限 {limit}', en: 'the file is too large ({size}); the limit is {limit}' },
  binary: { zh: '文件不是文本、HTML、DOCX 或 PDF（含二进制内容），无法读取', en: 'not a text, HTML, DOCX or PDF file (binary content): cannot read it' },
  'unsupported-format': { zh: '不支持的文件格式：{detail}', en: 'unsupported file format: {detail}' },
  'wrong-signature': { zh: '扩展名为 .{ext}，但文件内容不是 {kind} 格式（文件头不符），文件可能已损坏或被改了扩展名', en: 'the name ends in .{ext} but the content is not {kind} (wrong file signature): the file is damaged or misnamed' },
  'encrypted-office': { zh: '这是加密（设有打开密码）的 Office 文件或旧版 .doc 文件，无法读取；请另存为未加密的 .docx 后再检查', en: 'an encrypted (password-protected) Office file or a legacy .doc: save it as an unencrypted .docx and check again' },
  'decode-failed': { zh: '无法识别文件的字符编码（既不是 UTF-8，也不是 GBK/GB18030）', en: 'cannot tell the character encoding (neither UTF-8 nor GBK/GB18030)' },
  'no-text': { zh: '文件中没有可读的文字', en: 'the file holds no readable text' },
  'not-implemented': { zh: '{format} 格式的读取尚未实现', en: 'reading {format} files is not implemented yet' },
};

export class ExtractError extends Error {
  constructor(
    readonly code: FatalCode,
    readonly params: Record<string, string> = {},
  ) {
    super(fill(reasons[code].en, params));
    this.name = 'ExtractError';
  }
  reason(lang: 'zh' | 'en'): string {
    return fill(reasons[this.code][lang], this.params);
  }
}

function fill(s: string, params: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}
