/**
 * Reading a PDF in tests (pdf-lib): its catalogue, and the text it shows. Text is read from the
 * pages' content streams: each text-showing operator (Tj, TJ) of the standard fonts' single-byte
 * encoding, one per line, as the reader sees it (kerning numbers are dropped).
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';

export async function readPdf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const catalog = doc.catalog;
  const lookup = (name: string) => catalog.lookup(PDFName.of(name));
  return { doc, catalog, lookup, text: pdfText(doc) };
}

function streamText(stream: PDFRawStream): string {
  const content = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  const lines: string[] = [];
  for (const match of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\([^)]*\)|[-\d.\s])*)\]\s*TJ|(<[0-9a-fA-F]*>|\([^)]*\))\s*Tj/g)) {
    const strings = (match[1] ?? match[2] ?? '').match(/<[0-9a-fA-F]*>|\([^)]*\)/g) ?? [];
    lines.push(strings.map((s) => (s.startsWith('<') ? Buffer.from(s.slice(1, -1), 'hex').toString('latin1') : s.slice(1, -1))).join(''));
  }
  return lines.join('\n');
}

function pdfText(doc: PDFDocument): string {
  return doc
    .getPages()
    .map((page) => {
      const contents = page.node.Contents();
      const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
      return refs
        .map((ref) => doc.context.lookup(ref as PDFRef))
        .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
        .map(streamText)
        .join('\n');
    })
    .join('\n');
}

/** A dictionary entry of the catalogue, looked up. */
export function entry(dict: unknown, name: string) {
  return dict instanceof PDFDict ? dict.lookup(PDFName.of(name)) : undefined;
}
