/** The staff app's entry (`dist/dashboard/app.js`): defines `<parley-dashboard>` and its elements. */
import './app.js';
