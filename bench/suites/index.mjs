// The benchmark suites, in the order they run and print. A suite is a module whose default
// export is `{ name, title, run(ctx) }` (see BenchContext and SuiteResult in ../run.mjs);
// add one by writing bench/suites/<name>.mjs and listing it here.
import bundleSize from './bundle-size.mjs';
import pageLoad from './page-load.mjs';
import firstClick from './first-click.mjs';
import messaging from './messaging.mjs';
import longConversation from './long-conversation.mjs';
import scale from './scale.mjs';

export default [bundleSize, pageLoad, firstClick, messaging, longConversation, scale];
