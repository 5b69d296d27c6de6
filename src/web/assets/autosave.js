// Saves a return section in the background while the auditor types (a draft, with the same
// version check as the buttons). Without JavaScript the Save buttons do the same job.
const DELAY_MS = 4000;

export function initAutosave(form) {
  const url = form.getAttribute('data-maca-autosave');
  const status = form.querySelector('[data-maca-autosave-status]');
  const version = form.querySelector('input[name="version"]');
  let timer;
  let saving = false;
  let dirty = false;
  let inFlight = Promise.resolve();

  const say = (text) => {
    if (status) status.textContent = text;
  };

  function save() {
    if (saving || !dirty) return inFlight;
    inFlight = send();
    return inFlight;
  }

  async function send() {
    saving = true;
    dirty = false;
    const body = new URLSearchParams(new FormData(form));
    body.set('mode', 'draft');
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok && result.saved) {
        version.value = String(result.version);
        say(`Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`);
      } else {
        say(result.message || 'Your draft could not be saved in the background. Use a Save button.');
      }
    } catch {
      dirty = true;
      say('Not saved: you may be offline. Your typing is still on this page.');
    } finally {
      saving = false;
    }
  }

  form.addEventListener('input', () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  });
  // A Save button pressed while a background save is on its way would post the version that save is
  // replacing, and the person would meet a conflict with their own draft: wait for it, then send the
  // form with the version it returned, through the same button.
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    if (!saving) return;
    event.preventDefault();
    const button = event.submitter;
    say('Finishing the background save…');
    inFlight.then(() => (button ? form.requestSubmit(button) : form.requestSubmit()));
  });
}
