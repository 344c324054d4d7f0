/**
 * The service agreement as a PDF (pdf-lib): the record of mutual agreement (R03.1 Description)
 * listing the goal, sub-goals, plan items with owners and dates, and the acceptance. The same
 * facts as the print page in the web UI.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { PlainDate } from '../../domain/calendar.ts';
import type { PlanView } from './load.ts';

const MARGIN = 56;
const WIDTH = 612;
const HEIGHT = 792;

/** Standard PDF fonts encode WinAnsi only: keep what they can show, replace the rest. */
const printable = (text: string) =>
  text.normalize('NFC').replace(/[^\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022]/g, '?');

export async function agreementPdf(plan: PlanView, today: PlainDate): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Service agreement ${plan.reference}`);
  doc.setSubject('Service Plan: record of mutual agreement');
  doc.setProducer('Waypoint');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage([WIDTH, HEIGHT]);
  let y = HEIGHT - MARGIN;

  const wrap = (text: string, font: PDFFont, size: number, width: number): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const word of printable(text).split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  };
  const write = (
    text: string,
    options: { font?: PDFFont; size?: number; indent?: number; gap?: number; color?: [number, number, number] } = {},
  ) => {
    const font = options.font ?? regular;
    const size = options.size ?? 10.5;
    const indent = options.indent ?? 0;
    for (const line of wrap(text, font, size, WIDTH - 2 * MARGIN - indent)) {
      if (y < MARGIN + size) {
        page = doc.addPage([WIDTH, HEIGHT]);
        y = HEIGHT - MARGIN;
      }
      page.drawText(line, { x: MARGIN + indent, y, size, font, color: rgb(...(options.color ?? [0.1, 0.12, 0.16])) });
      y -= size * 1.4;
    }
    y -= options.gap ?? 0;
  };

  write('Service agreement', { font: bold, size: 20, gap: 4 });
  write(`Service Plan ${plan.reference}  -  printed ${today.toString()}`, { color: [0.35, 0.38, 0.42], gap: 10 });
  write(`${plan.person.givenName} ${plan.person.familyName}  (${plan.person.reference}, born ${plan.person.birthDate})`, {
    font: bold,
    size: 12,
    gap: 6,
  });
  write(
    'This Service Plan is the record of mutual agreement between the Government of Alberta and the individual about the activities to be undertaken to attain the goal below.',
    { gap: 10 },
  );
  write('Goal', { font: bold, size: 13 });
  write(plan.goal, { gap: 10 });

  for (const subGoal of plan.subGoals) {
    write(`Sub-goal: ${subGoal.label}`, { font: bold, size: 12, gap: 2 });
    if (subGoal.items.length === 0) write('No plan items yet.', { indent: 14, gap: 6 });
    for (const item of subGoal.items) {
      write(`\u2022 ${item.name}`, { font: bold, indent: 14 });
      write(`Responsible: ${item.owner.displayName}.  Expected ${item.expectedStart} to ${item.expectedEnd}.`, { indent: 26 });
      if (item.actualStart || item.actualEnd) write(`Actual: ${item.actualStart ?? '-'} to ${item.actualEnd ?? '-'}.`, { indent: 26 });
      if (item.outcome)
        write(`Outcome: ${item.outcome}${item.goodCauseReason ? ` (good cause: ${item.goodCauseReason})` : ''}.`, { indent: 26 });
      if (item.pdc) write(`Funded through ${item.pdc.reference} (learner income support).`, { indent: 26 });
      if (item.description) write(item.description, { indent: 26 });
      y -= 4;
    }
    y -= 6;
  }

  write('Acceptance', { font: bold, size: 13 });
  if (plan.acceptance) {
    write(
      `Accepted by the individual on ${plan.acceptance.acceptedOn} (${plan.acceptance.method}); recorded by ${plan.acceptance.recordedBy.displayName}.`,
      { gap: 18 },
    );
  } else {
    write('Not yet accepted. By signing, the individual and the Authorized Official agree to the activities above.', { gap: 30 });
    write('Individual: ______________________________    Date: ____________', { gap: 20 });
    write('Authorized Official: _______________________    Date: ____________');
  }
  if (plan.closure) write(`Closed on ${plan.closure.closedOn}: ${plan.closure.reason}.`, { gap: 4 });
  return doc.save();
}
