/** What a form tells about its problems: its error summary, and the error shown next to a field. */
import type { Locator, Page } from 'playwright-core';

/** The form's error summary ("There is a problem"), once it is shown. */
export async function problemSummary(page: Page): Promise<Locator> {
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  return summary;
}

/** The error shown next to a field: the element its aria-describedby names with the id ending "-error". */
export async function fieldError(page: Page, field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ');
  const id = ids.find((i) => i.endsWith('-error'));
  return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
}
