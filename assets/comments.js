// Progressive enhancement for the comment form. Without this script, a reply link reloads the
// page with ?replytocom=ID and the server renders the form under that comment; with it, the
// form moves there in place. Also keeps "3 hours ago" current on cached pages.
(() => {
  const respond = document.getElementById('respond');
  const form = document.getElementById('commentform');
  if (!respond || !form) return;
  const parentInput = document.getElementById('comment-parent');
  const title = document.getElementById('reply-title');
  // Where the form lives when it answers the article; the server renders this marker when it
  // placed the form under a comment (?replytocom=ID).
  let home = document.getElementById('respond-home');
  if (!home) {
    home = document.createElement('div');
    home.id = 'respond-home';
    home.hidden = true;
    respond.parentNode.insertBefore(home, respond);
  }
  const defaultTitle = 'Leave a Comment';

  function setTitle(authorName) {
    title.textContent = '';
    if (!authorName) {
      title.textContent = defaultTitle;
      return;
    }
    title.append('Reply to ');
    const name = document.createElement('span');
    name.className = 'reply-to-name';
    name.textContent = authorName;
    title.append(name, ' ');
    const cancel = document.createElement('a');
    cancel.id = 'cancel-comment-reply-link';
    cancel.href = '#respond';
    cancel.textContent = 'Cancel reply';
    cancel.addEventListener('click', (event) => {
      event.preventDefault();
      reset();
    });
    title.append(cancel);
  }

  function reset() {
    home.parentNode.insertBefore(respond, home);
    parentInput.value = '';
    setTitle('');
    document.getElementById('comment-content').focus();
  }

  function replyTo(link) {
    const item = document.getElementById(`comment-${link.dataset.commentId}`);
    if (!item) return false;
    const body = item.querySelector(':scope > .comment-body');
    body.after(respond);
    parentInput.value = link.dataset.commentId;
    setTitle(item.querySelector('.comment-author')?.textContent || '');
    document.getElementById('comment-content').focus();
    return true;
  }

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('.comment-reply-link') : null;
    if (link && replyTo(link)) event.preventDefault();
  });

  // The server-rendered cancel link (form already under a comment) also works in place.
  const serverCancel = document.getElementById('cancel-comment-reply-link');
  if (serverCancel) {
    serverCancel.addEventListener('click', (event) => {
      event.preventDefault();
      reset();
    });
  }

  const language = document.documentElement.lang || 'en';
  if (typeof Intl === 'object' && Intl.RelativeTimeFormat) {
    const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    const units = [
      ['year', 31536e6],
      ['month', 2592e6],
      ['week', 6048e5],
      ['day', 864e5],
      ['hour', 36e5],
      ['minute', 6e4],
    ];
    for (const element of document.querySelectorAll('.comment-ago[data-time]')) {
      const diff = Date.parse(element.dataset.time) - Date.now();
      if (Number.isNaN(diff)) continue;
      const unit = units.find(([, ms]) => Math.abs(diff) >= ms);
      element.textContent = unit ? format.format(Math.round(diff / unit[1]), unit[0]) : format.format(0, 'minute');
    }
  }
})();
