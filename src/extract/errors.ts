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
  | 'ocr-off'
  | 'ocr-missing'
  | 'ocr-failed'
  | 'ocr-no-text'
  | 'image-too-large'
  | 'not-implemented'
  | 'too-much-text'
  | 'line-too-long'
  | 'too-deep'
  | 'span-too-large'
  | 'table-too-large'
  | 'too-many-elements'
  | 'too-many-pages'
  | 'pdf-too-deep'
  | 'pdf-too-deep-objects'
  | 'page-too-dense'
  | 'docx-xml-too-large'
  | 'docx-doctype'
  | 'docx-bad-xml'
  | 'docx-xml-elements'
  | 'html-too-large'
  | 'numbering-level'
  | 'too-slow'
  | 'pdf-out-of-memory'
  | 'internal';

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
  'ocr-off': { zh: '这是扫描件或图片（{what}），需做文字识别（OCR）才能检查，而本次检查关闭了识别（--ocr off）', en: 'this is a scan or an image ({whatEn}): it needs OCR, which this run turned off (--ocr off)' },
  'ocr-missing': { zh: '这是扫描件或图片，需做文字识别（OCR），但本机没有识别程序 {tool}（运行 scripts/system-deps.sh 安装）', en: 'this is a scan or an image and needs OCR, but the OCR program {tool} is not installed here (run scripts/system-deps.sh)' },
  'ocr-failed': { zh: '文字识别（OCR）失败（{tool}：{detail}），无法读取这个文件', en: 'OCR failed ({tool}: {detail}): the file cannot be read' },
  'ocr-no-text': { zh: '扫描件共 {pages} 页，文字识别（OCR）后仍没有可读的文字（空白页或图像过于模糊）', en: 'the scan has {pages} page(s) and OCR found no readable text in it (blank pages, or images too blurred)' },
  'image-too-large': { zh: '图片过大（{size} 像素，上限 {limit} 像素），已停止检查', en: 'the image is too large ({size} pixels; the limit is {limit}): checking stopped' },
  'too-much-text': { zh: '文件文字过多（{size} 字），超过上限 {limit} 字（约 250 页），不像一份年度报告，已停止检查', en: 'the file holds too much text ({size} characters; the limit is {limit}, about 250 pages): not an annual report, checking stopped' },
  'line-too-long': { zh: '文件中有一行（或一段）过长（{where}{size} 字，上限 {limit} 字），已停止检查', en: 'a line or paragraph is too long ({whereEn}{size} characters; the limit is {limit}): checking stopped' },
  'too-deep': { zh: '文件结构嵌套过深（{where}{depth} 层，上限 {limit} 层），无法安全读取，已停止检查', en: 'the file is nested too deep ({whereEn}{depth} levels; the limit is {limit}): it cannot be read safely, checking stopped' },
  'span-too-large': { zh: '表格中有单元格跨 {span} 行或列（上限 {limit}），表格已损坏或被篡改，已停止检查', en: 'a table cell spans {span} rows or columns (the limit is {limit}): the table is damaged, checking stopped' },
  'table-too-large': { zh: '表格过大（{size} 个单元格，上限 {limit}），已停止检查', en: 'a table is too large ({size} cells; the limit is {limit}): checking stopped' },
  'too-many-elements': { zh: '网页元素过多（{size} 个，上限 {limit} 个），不像一份年度报告，已停止检查', en: 'the page has too many elements ({size}; the limit is {limit}): not an annual report, checking stopped' },
  'too-many-pages': { zh: 'PDF 页数过多（{pages} 页，上限 {limit} 页），不像一份年度报告，已停止检查', en: 'the PDF has too many pages ({pages}; the limit is {limit}): not an annual report, checking stopped' },
  'pdf-too-deep': { zh: 'PDF 的页面内容中图形状态嵌套超过 {limit} 层（q 操作符），文件已损坏或被篡改，已停止读取', en: 'a PDF page nests its graphics state more than {limit} levels deep (the q operator): the file is damaged or tampered with, reading stopped' },
  'pdf-too-deep-objects': { zh: 'PDF 的对象中数组或字典嵌套超过 {limit} 层，文件已损坏或被篡改，已停止读取', en: 'the PDF nests arrays or dictionaries more than {limit} levels deep: the file is damaged or tampered with, reading stopped' },
  'page-too-dense': { zh: 'PDF 第 {page} 页内容过密（{size} 个{what}，上限 {limit}），已停止检查', en: 'page {page} of the PDF is too dense ({size} {whatEn}; the limit is {limit}): checking stopped' },
  'docx-xml-too-large': { zh: 'DOCX 的 XML 内容过大（{size}，上限 {limit}），已停止检查', en: 'the DOCX holds too much XML ({size}; the limit is {limit}): checking stopped' },
  'docx-xml-elements': { zh: 'DOCX 的 XML 元素过多（{size} 个，上限 {limit} 个，约 100 页），已停止检查', en: 'the DOCX has too many XML elements ({size}; the limit is {limit}, about 100 pages): checking stopped' },
  'html-too-large': { zh: '网页过大（{size} 个字符，上限 {limit} 个字符），已停止检查', en: 'the page is too large ({size} characters; the limit is {limit}): checking stopped' },
  'docx-bad-xml': { zh: 'DOCX 中的 {part} 不是合格的 XML（有未转义的“<”或未闭合的标签），文件已损坏，无法读取', en: 'the DOCX part {part} is not well-formed XML (a bare "<" or an unclosed tag): the file is damaged and cannot be read' },
  'docx-doctype': { zh: 'DOCX 的 {part} 含有文档类型声明（<!DOCTYPE>，可定义实体、造成“实体炸弹”），Word 从不写入，文件已损坏或被篡改，已停止读取', en: 'the DOCX part {part} has a document type declaration (<!DOCTYPE>, which can define entities: an entity bomb); Word never writes one, so the file is damaged or tampered with: reading stopped' },
  'numbering-level': { zh: 'DOCX 的编号超出 Word 的范围（{what}），文件已损坏，已停止检查', en: 'the DOCX numbering is outside Word\'s range ({whatEn}): the file is damaged, checking stopped' },
  'too-slow': { zh: '检查超时（超过 {seconds} 秒），已中止；其他文件照常检查', en: 'checking took too long (over {seconds} s) and was stopped; other files are checked as usual' },
  'pdf-out-of-memory': { zh: '解析这个 PDF 用尽了内存（上限 {limit} MB），已中止；其他文件照常检查', en: 'reading this PDF used up its memory (limit {limit} MB) and was stopped; other files are checked as usual' },
  internal: { zh: '检查这个文件时出错（reportlint 的内部错误：{detail}），请把文件报告给维护者', en: 'checking this file failed (an internal error in reportlint: {detail}); please report the file to the maintainers' },
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
