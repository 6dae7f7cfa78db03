// Broadsheet admin: small enhancements. Every screen works without this script.
(() => {
  // Forms that destroy or overwrite something ask first.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    const message = form instanceof HTMLFormElement && (event.submitter?.dataset.confirm || form.dataset.confirm);
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // A "select all" checkbox toggles the checkboxes of its table.
  for (const all of document.querySelectorAll('input[data-select-all]')) {
    all.addEventListener('change', () => {
      const table = all.closest('table');
      for (const box of table ? table.querySelectorAll('tbody input[type="checkbox"]') : []) box.checked = all.checked;
    });
  }

  // The moderation queue's keys, listed in its legend: j/k choose a comment; a, s and d press
  // that comment's own Approve (or Not spam), Spam and Trash buttons, so a key posts the same
  // form as a click and the server does the work; r opens its reply form; x ticks it for the
  // bulk buttons; ? shows the list. Keys typed into a text field are left alone.
  const queue = document.querySelector('[data-queue]');
  if (queue) {
    const rows = [...queue.querySelectorAll('[data-queue-row]')];
    const legend = document.getElementById('queue-shortcuts');
    if (legend) legend.hidden = false;
    // After an action the page reloads; the comment that took the place of the last one is next.
    const rememberedKey = `queue-row:${location.pathname}`;
    let current = -1;

    const mark = (index) => {
      rows[current]?.classList.remove('is-current');
      current = index;
      rows[current]?.classList.add('is-current');
    };
    const select = (index) => {
      if (rows.length === 0) return;
      mark(Math.min(Math.max(index, 0), rows.length - 1));
      rows[current].focus({ preventScroll: true });
      rows[current].scrollIntoView({ block: 'nearest' });
    };
    const openReply = (row) => {
      const form = row?.querySelector('[data-reply-form]');
      if (!form) return false;
      form.hidden = false;
      form.querySelector('textarea')?.focus();
      return true;
    };
    const isTyping = (element) =>
      element instanceof HTMLElement &&
      (element.isContentEditable ||
        element instanceof HTMLTextAreaElement ||
        element instanceof HTMLSelectElement ||
        (element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type)));

    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const remembered = Number(sessionStorage.getItem(rememberedKey));
    sessionStorage.removeItem(rememberedKey);
    const opened = target ? rows.findIndex((row) => row.contains(target)) : -1;
    if (opened >= 0) mark(opened);
    else if (remembered > 0 && rows.length > 0) select(remembered - 1);

    queue.addEventListener('focusin', (event) => {
      const row = event.target.closest('[data-queue-row]');
      if (row) mark(rows.indexOf(row));
    });
    queue.addEventListener('submit', (event) => {
      const row = event.target.closest('[data-queue-row]');
      if (row) sessionStorage.setItem(rememberedKey, String(rows.indexOf(row) + 1));
    });
    queue.addEventListener('click', (event) => {
      const replyLink = event.target.closest('a[data-shortcut="r"]');
      if (replyLink && openReply(replyLink.closest('[data-queue-row]'))) event.preventDefault();
      const cancel = event.target.closest('[data-reply-cancel]');
      const form = cancel?.closest('[data-reply-form]');
      if (form) {
        event.preventDefault();
        form.hidden = true;
        form.closest('[data-queue-row]')?.focus();
      }
    });

    document.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
      const key = event.key;
      if (key === '?') {
        if (legend) legend.open = !legend.open;
      } else if (key === 'j' || key === 'k') {
        select(current < 0 ? 0 : current + (key === 'j' ? 1 : -1));
      } else if (key === 'r') {
        if (!openReply(rows[current])) return;
      } else {
        const control = /^[asdx]$/.test(key) ? rows[current]?.querySelector(`[data-shortcut="${key}"]`) : null;
        if (!control) return;
        if (control instanceof HTMLButtonElement) control.form?.requestSubmit(control);
        else control.click();
      }
      event.preventDefault();
    });
  }

  // Articles' tags are typed comma-separated, but a datalist suggests whole values: offer each
  // existing tag as the text typed so far with that tag in place of the last name.
  const tagInput = document.querySelector('input[list="tag-choices"]');
  if (tagInput?.list) {
    const options = [...tagInput.list.options];
    const names = options.map((option) => option.value);
    tagInput.addEventListener('input', () => {
      const cut = tagInput.value.lastIndexOf(',');
      const prefix = cut < 0 ? '' : `${tagInput.value.slice(0, cut + 1)} `;
      const chosen = new Set(tagInput.value.slice(0, Math.max(cut, 0)).split(',').map((name) => name.trim().toLowerCase()));
      options.forEach((option, i) => {
        option.value = prefix + names[i];
        option.disabled = chosen.has(names[i].toLowerCase());
      });
    });
  }
})();
