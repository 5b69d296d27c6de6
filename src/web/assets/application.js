import { initAll } from '/assets/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj-frontend.min.js';
import { initAutosave } from '/assets/autosave.js';

initAll();
initMoj();
document.querySelectorAll('form[data-maca-autosave]').forEach((form) => initAutosave(form));
