import { launch, openPage, startServer } from '../tests/browser/harness.ts';
const { server, origin } = await startServer();
const b = await launch();
const { page } = await openPage(b, `${origin}/tests/gallery/index.html`, { width: 1280, height: 900 });
await page.waitForTimeout(6000);
await page.screenshot({ path: '/tmp/gallery.png', fullPage: true });
await b.close(); await server.close();
