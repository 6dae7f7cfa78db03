/** The queue's keys (handled in assets/admin.js). */
const queueShortcuts = [
  ['j', 'Next comment'],
  ['k', 'Previous comment'],
  ['a', 'Approve (Not spam on the Spam tab)'],
  ['s', 'Mark as spam'],
  ['d', 'Move to the trash'],
  ['r', 'Reply'],
  ['x', 'Select or deselect'],
  ['?', 'Show or hide this list'],
] as const;

/**
 * The list of keys. Hidden until the script runs, because without it the keys do nothing;
 * the script shows it and `?` opens or closes it.
 */
export function ShortcutLegend() {
  return (
    <details class="queue-shortcuts" id="queue-shortcuts" hidden>
      <summary>Keyboard shortcuts</summary>
      <dl>
        {queueShortcuts.map(([key, label]) => (
          <div>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
