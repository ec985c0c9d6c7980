/**
 * `npm run shell:capture`: builds the app, opens it at its default state and writes its first
 * render as static HTML to src/ui/shell/firstScreen.html (scripts/firstScreen.ts says why).
 * Run it after changing anything the first screen shows; the first-screen test says when.
 */
import { writeFileSync } from 'node:fs';
import { captureFirstScreen, FIRST_SCREEN_FILE } from './firstScreen';
import { launch, SOFTWARE_RASTER_FLAGS, startPreview } from '../tests/browser/harness';

const { server, origin } = await startPreview('test-results/dist-first-screen');
const browser = await launch(SOFTWARE_RASTER_FLAGS);
try {
  const page = await (await browser.newContext({ viewport: { width: 412, height: 823 } })).newPage();
  const html = await captureFirstScreen(page, origin);
  writeFileSync(FIRST_SCREEN_FILE, `${html}\n`);
  console.log(`${FIRST_SCREEN_FILE}: ${html.length} characters`);
} finally {
  await browser.close();
  await server.close();
}
