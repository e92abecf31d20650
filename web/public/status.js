const field = (name) => document.querySelector(`[data-field="${name}"]`);

async function show() {
  try {
    const meta = await (await fetch('/api/v1/meta')).json();
    field('version').textContent = meta.version;
    field('mode').textContent = meta.mode;
    const ready = await fetch('/readyz');
    field('ready').textContent = ready.ok ? 'yes' : 'not yet — ' + JSON.stringify((await ready.json()).checks);
  } catch {
    field('ready').textContent = 'unreachable';
  }
}

show();
