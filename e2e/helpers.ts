import type { Locator } from '@playwright/test';

/** Pastes text into an input the way a browser does: a paste event carrying clipboard data. */
export async function paste(input: Locator, text: string): Promise<void> {
  await input.focus();
  await input.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
