/**
 * The service agreement as a PDF: the record of mutual agreement (R03.1 Description) with the goal,
 * the sub-goals and their plan items (owner, expected dates), the acceptance, and lines for the
 * participant and the Authorized Official to sign (name, signature, date). The same facts and the
 * same dates as the agreement page in the web UI (web/src/pages/AgreementPage.tsx): dates are
 * worded by src/domain/dates-in-words.ts for both.
 *
 * Tagged for screen readers (pdfkit): a structure tree (Document, H1, H2, H3, P, L/LI) over every
 * piece of text, the signature rules marked as layout artifacts, /MarkInfo Marked, /Lang "en-CA",
 * and the title shown in the window's title bar (/DisplayDocTitle).
 */
import type { Temporal } from 'temporal-polyfill';
import { dateInWords } from '../../domain/dates-in-words.ts';
import { CLOSURE_REASON_LABELS, type ClosureReason } from '../../domain/service-plans/closure.ts';
import type { PlanView } from './load.ts';

const MARGIN = 56;
const INK = '#1a1f29';
const MUTED = '#505a66';
const ACCEPTANCE_METHODS: Readonly<Record<string, string>> = { signed: 'signed', verbal: 'verbal', electronic: 'electronic' };

/** The standard PDF fonts encode WinAnsi only: keep what they can show, replace the rest. */
const printable = (text: string) =>
  text.normalize('NFC').replace(/[^\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022]/g, '?');

/** The wording of the agreement, shared with the page (the page says the same in its JSX). */
export const AGREEMENT_TEXT =
  'This plan is the record of mutual agreement between the Government of Alberta and the participant about the activities to be undertaken to reach the goal above. Each activity is monitored and completed by the official responsible for it. Tell your official about any change to your address, phone, education or employment.';

/** When the agreement is printed, from the caller's clock: the day it is dated and the instant the PDF records as its creation. */
export interface PrintedWhen {
  readonly on: { toString(): string };
  readonly at: Temporal.Instant;
}

export async function agreementPdf(plan: PlanView, printed: PrintedWhen): Promise<Uint8Array> {
  // Loaded on the first agreement asked for, not at server start: pdfkit and its font libraries are
  // a few dozen CommonJS files (a tenth of a second of a cold start) that most servers never need.
  const { default: PDFDocument } = await import('pdfkit');
  const created = new Date(printed.at.epochMilliseconds);
  const title = `Service agreement ${plan.reference}`;
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-CA',
    displayTitle: true,
    info: {
      Title: title,
      Subject: 'Service Plan: record of mutual agreement',
      Author: 'Waypoint',
      Producer: 'Waypoint',
      Creator: 'Waypoint',
      // Otherwise pdfkit reads the machine's clock: the document is dated by the app's.
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;

  /** One structure element holding one run of text. */
  const block = (
    parent: PDFKit.PDFStructureElement,
    tag: string,
    text: string,
    options: { font?: 'Helvetica' | 'Helvetica-Bold'; size?: number; color?: string; indent?: number; gap?: number } = {},
  ) => {
    parent.add(
      doc.struct(tag, {}, () => {
        doc
          .font(options.font ?? 'Helvetica')
          .fontSize(options.size ?? 10.5)
          .fillColor(options.color ?? INK)
          .text(printable(text), MARGIN + (options.indent ?? 0), doc.y, { width: width - (options.indent ?? 0), lineGap: 2 });
      }),
    );
    doc.moveDown(options.gap ?? 0.4);
  };
  const section = (heading: string, level: 'H2' | 'H3' = 'H2') => {
    const sect = doc.struct('Sect');
    root.add(sect);
    block(sect, level, heading, { font: 'Helvetica-Bold', size: level === 'H2' ? 14 : 12, gap: 0.3 });
    return sect;
  };

  // Head: the same facts as the page's summary.
  block(root, 'P', 'Waypoint · Employment and training services', { color: MUTED, size: 9.5, gap: 0.2 });
  block(root, 'H1', 'Service agreement', { font: 'Helvetica-Bold', size: 20, gap: 0.3 });
  const { person } = plan;
  const facts = doc.struct('L');
  root.add(facts);
  for (const fact of [
    `Service Plan: ${plan.reference}`,
    `Participant: ${person.givenName} ${person.familyName} (${person.reference})`,
    `Date of birth: ${dateInWords(person.birthDate)}`,
    `Plan created: ${dateInWords(plan.createdOn)} by ${plan.createdBy.displayName}`,
    `Printed: ${dateInWords(printed.on)}`,
  ]) {
    const item = doc.struct('LI');
    facts.add(item);
    block(item, 'LBody', fact, { gap: 0.1 });
  }
  facts.end();
  doc.moveDown(0.8);

  const goal = section('Goal');
  block(goal, 'P', plan.goal, { gap: 0.8 });
  goal.end();

  const steps = section('What we agree to do');
  if (plan.subGoals.length === 0) block(steps, 'P', 'No sub-goals have been added yet.');
  for (const subGoal of plan.subGoals) {
    const sub = doc.struct('Sect');
    steps.add(sub);
    block(sub, 'H3', subGoal.label, { font: 'Helvetica-Bold', size: 12, gap: 0.2 });
    if (subGoal.items.length === 0) block(sub, 'P', 'No plan items yet.', { color: MUTED, indent: 14 });
    else {
      const list = doc.struct('L');
      sub.add(list);
      for (const item of subGoal.items) {
        const entry = doc.struct('LI');
        list.add(entry);
        const itemBody = doc.struct('LBody');
        entry.add(itemBody);
        block(itemBody, 'P', `• ${item.name}`, { font: 'Helvetica-Bold', indent: 14, gap: 0.1 });
        const body = [
          `Responsible official: ${item.owner.displayName}.`,
          `Expected start: ${dateInWords(item.expectedStart)}.`,
          `Expected end: ${dateInWords(item.expectedEnd)}.`,
          item.description ?? '',
          item.pdc ? `Funded by learner income support (${item.pdc.reference}).` : '',
        ]
          .filter(Boolean)
          .join(' ');
        block(itemBody, 'P', body, { indent: 26, gap: 0.5 });
        itemBody.end();
        entry.end();
      }
      list.end();
    }
    sub.end();
    doc.moveDown(0.3);
  }
  steps.end();

  const agreement = section('Agreement');
  block(agreement, 'P', AGREEMENT_TEXT, { gap: 0.6 });
  if (plan.acceptance) {
    const method = ACCEPTANCE_METHODS[plan.acceptance.method ?? ''] ?? 'recorded';
    const by = plan.acceptance.recordedBy.displayName ? `, recorded by ${plan.acceptance.recordedBy.displayName}` : '';
    block(agreement, 'P', `Accepted by the participant on ${dateInWords(plan.acceptance.acceptedOn)} (${method})${by}.`, { gap: 0.6 });
  }
  if (plan.closure) {
    const reason = CLOSURE_REASON_LABELS[plan.closure.reason as ClosureReason] ?? 'closed';
    block(agreement, 'P', `Plan closed on ${dateInWords(plan.closure.closedOn)}: ${reason}.`, { gap: 0.6 });
  }
  signatures(doc, agreement, width, `${person.givenName} ${person.familyName}`);
  agreement.end();

  root.end();
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Lines for the participant and the Authorized Official, one block each (`signatureBlock`), kept
 * together on one page.
 */
function signatures(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, width: number, participant: string) {
  const parties = [
    { heading: 'Participant', name: participant },
    { heading: 'Authorized Official', name: '' },
  ];
  const needed = parties.length * 96 + 20;
  if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
  doc.moveDown(0.8);
  const signatureWidth = width * 0.62;
  const dateX = MARGIN + signatureWidth + 24;
  const layout = { signatureWidth, dateX, dateWidth: width - signatureWidth - 24 };
  for (const party of parties) signatureBlock(doc, parent, party, layout);
}

/**
 * One party's block: a heading, a name (printed when known, else a line to print it on), a
 * signature and a date. The rules are artifacts (layout); their labels are text a screen reader reads.
 */
function signatureBlock(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  party: { heading: string; name: string },
  { signatureWidth, dateX, dateWidth }: { signatureWidth: number; dateX: number; dateWidth: number },
) {
  const group = doc.struct('Div');
  parent.add(group);
  group.add(
    doc.struct('H3', {}, () => {
      doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(party.heading, MARGIN, doc.y);
    }),
  );
  doc.moveDown(0.3);
  /** A run of text at a place, as one paragraph of the block. */
  const text = (value: string, x: number, y: number, textWidth: number, style: { size: number; color: string }) =>
    group.add(
      doc.struct('P', {}, () => {
        doc.font('Helvetica').fontSize(style.size).fillColor(style.color).text(value, x, y, { width: textWidth });
      }),
    );
  const label = { size: 9, color: MUTED };
  const nameY = doc.y + 14;
  if (party.name) text(printable(party.name), MARGIN, nameY - 13, signatureWidth, { size: 11, color: INK });
  rule(doc, MARGIN, nameY, signatureWidth);
  text(`${party.heading}'s name`, MARGIN, nameY + 3, signatureWidth, label);
  const signY = nameY + 40;
  rule(doc, MARGIN, signY, signatureWidth);
  rule(doc, dateX, signY, dateWidth);
  text(`${party.heading}'s signature`, MARGIN, signY + 3, signatureWidth, label);
  text('Date', dateX, signY + 3, dateWidth, label);
  group.end();
  doc.x = MARGIN;
  doc.y = signY + 36;
}

/** A line to write on, marked as a layout artifact (not read aloud). */
function rule(doc: PDFKit.PDFDocument, x: number, y: number, length: number) {
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .moveTo(x, y)
    .lineTo(x + length, y)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
  doc.endMarkedContent();
}
