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
  | 'docx-broken'
  | 'docx-no-document'
  | 'docx-too-large'
  | 'pdf-encrypted'
  | 'pdf-broken'
  | 'pdf-no-text-layer'
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
  'docx-broken': { zh: 'DOCX 文件已损坏，无法作为 ZIP 压缩包打开（{detail}）', en: 'the DOCX file is damaged: it cannot be opened as a ZIP package ({detail})' },
  'docx-no-document': { zh: '这个压缩包里没有 Word 正文（word/document.xml），不是 DOCX 文件{detail}', en: 'this package has no Word body (word/document.xml): it is not a DOCX file{detail}' },
  'docx-too-large': { zh: 'DOCX 解压后过大（{size}，上限 {limit}），可能是“压缩炸弹”，已停止读取', en: 'the DOCX expands to too much data ({size}; the limit is {limit}), possibly a zip bomb: reading stopped' },
  'pdf-encrypted': { zh: 'PDF 设有打开密码（已加密），无法读取；请提供未加密的版本', en: 'the PDF is password-protected (encrypted): provide an unencrypted copy' },
  'pdf-broken': { zh: 'PDF 文件已损坏或不完整，无法打开（{detail}）', en: 'the PDF is damaged or incomplete and cannot be opened ({detail})' },
  'pdf-no-text-layer': { zh: 'PDF 共 {pages} 页，但没有文字层（可能是扫描件或图片），需先做文字识别（OCR）才能检查', en: 'the PDF has {pages} page(s) but no text layer (a scan or images): it needs OCR before it can be checked' },
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
