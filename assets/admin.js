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
})();
