// The customer's tracking page: reads the token from its own address and asks the public
// API for news every few seconds (the server sets the interval in a meta tag). It asks
// again at once when the phone brings the page back to the front, and not at all while it
// is in the background. Everything is written with textContent: nothing from the server is
// ever parsed as HTML.

const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const api = `/api/v1/public/tracking/${encodeURIComponent(token)}`;
const pollSeconds = Number(document.querySelector('meta[name="tracking-poll-seconds"]')?.content) || 15;

const statusLabels = {
  new: 'Permintaan diterima',
  assigned: 'Teknisi ditugaskan',
  accepted: 'Diterima teknisi',
  scheduled: 'Kunjungan dijadwalkan',
  en_route: 'Teknisi dalam perjalanan',
  in_progress: 'Sedang dikerjakan',
  on_hold: 'Ditunda sementara',
  completed: 'Selesai dikerjakan',
  closed: 'Selesai',
  cancelled: 'Dibatalkan',
};

const byId = (id) => document.getElementById(id);

/**
 * Times in the zone of the branch that comes, whatever zone the phone is in; Indonesian
 * names the zones WIB, WITA and WIT, as the apps label them.
 */
function formatsIn(timeZone) {
  const options = { timeZone, timeZoneName: 'short', hour: '2-digit', minute: '2-digit' };
  return {
    dayTime: new Intl.DateTimeFormat('id-ID', {
      ...options,
      weekday: 'long',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    }),
    timeOnly: new Intl.DateTimeFormat('id-ID', options),
  };
}
let formats = formatsIn('Asia/Jakarta');

/** Once the work is done or called off, the page says when where the appointment was. */
const endings = { completed: 'Selesai pada', closed: 'Selesai pada', cancelled: 'Dibatalkan pada' };

/** The visit's line: its appointment while it is to come, when it ended once it has. */
function visitOf(view) {
  const { dayTime, timeOnly } = formats;
  const ending = endings[view.status];
  if (ending) {
    const endedAs = view.status === 'closed' ? 'completed' : view.status;
    const ended = view.history.findLast((entry) => entry.status === endedAs);
    return [ending, ended ? dayTime.format(new Date(ended.at)) : '–'];
  }
  if (!view.appointmentStart || !view.appointmentEnd) return ['Jadwal kunjungan', 'Belum dijadwalkan'];
  return [
    'Jadwal kunjungan',
    `${dayTime.format(new Date(view.appointmentStart))} – ${timeOnly.format(new Date(view.appointmentEnd))}`,
  ];
}

let etag = null;
let timer = null;
let surveyShown = false;

function showNotice(text) {
  const notice = byId('notice');
  notice.textContent = text;
  notice.hidden = text === '';
}

function render(view) {
  document.title = `Servis ${view.number}`;
  byId('number').textContent = view.number;
  formats = formatsIn(view.timeZone);
  const { dayTime } = formats;
  byId('status').textContent = statusLabels[view.status] ?? view.status;
  const [visitLabel, visit] = visitOf(view);
  byId('visit-label').textContent = visitLabel;
  byId('visit').textContent = visit;
  byId('technician').textContent = view.technicianFirstName ?? 'Belum ditentukan';
  const list = byId('history');
  list.replaceChildren(
    ...view.history
      .slice()
      .reverse()
      .map((entry) => {
        const item = document.createElement('li');
        const when = document.createElement('time');
        when.dateTime = entry.at;
        when.textContent = dayTime.format(new Date(entry.at));
        item.append(statusLabels[entry.status] ?? entry.status, when);
        return item;
      }),
  );
  if (!surveyShown && (view.status === 'completed' || view.status === 'closed')) void loadSurvey();
}

async function refresh() {
  try {
    const response = await fetch(api, { headers: etag ? { 'if-none-match': etag } : {}, cache: 'no-store' });
    if (response.status === 404) {
      stop();
      showNotice('Tautan ini sudah tidak berlaku. Silakan hubungi kami untuk tautan yang baru.');
      return;
    }
    if (response.status === 200) {
      etag = response.headers.get('etag');
      render(await response.json());
    }
    if (response.ok || response.status === 304) {
      showNotice('');
      byId('updated-at').textContent = `Terakhir diperbarui ${formats.timeOnly.format(new Date())}.`;
    }
  } catch {
    showNotice('Tidak ada koneksi. Kami coba lagi sebentar lagi.');
  }
  schedule();
}

function schedule() {
  clearTimeout(timer);
  if (!document.hidden) timer = setTimeout(refresh, pollSeconds * 1000);
}

function stop() {
  clearTimeout(timer);
  timer = null;
  document.removeEventListener('visibilitychange', onVisibility);
}

function onVisibility() {
  if (document.hidden) clearTimeout(timer);
  else void refresh();
}

async function loadSurvey() {
  surveyShown = true;
  const response = await fetch(`${api}/survey`, { cache: 'no-store' });
  if (!response.ok) return;
  const { state } = await response.json();
  if (state === 'not_yet') {
    surveyShown = false;
    return;
  }
  byId('survey').hidden = false;
  if (state === 'answered') {
    byId('survey-form').hidden = true;
    byId('survey-message').textContent = 'Terima kasih, penilaian Anda sudah kami terima.';
  }
}

byId('survey-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const data = new FormData(form);
  const comment = String(data.get('comment') ?? '').trim();
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const response = await fetch(`${api}/survey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: Number(data.get('rating')), ...(comment ? { comment } : {}) }),
    });
    if (response.status === 201 || response.status === 409) {
      form.hidden = true;
      byId('survey-message').textContent =
        response.status === 201
          ? 'Terima kasih atas penilaian Anda!'
          : 'Penilaian untuk servis ini sudah pernah dikirim. Terima kasih!';
      return;
    }
    byId('survey-message').textContent = 'Penilaian belum terkirim. Silakan coba lagi.';
  } catch {
    byId('survey-message').textContent = 'Tidak ada koneksi. Silakan coba lagi.';
  }
  button.disabled = false;
});

byId('opt-out').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    const response = await fetch(`${api}/opt-out`, { method: 'POST' });
    if (response.ok) {
      button.hidden = true;
      byId('opt-out-message').textContent =
        'Anda tidak akan menerima pesan lagi dari kami. Hubungi kami bila ingin menerimanya kembali.';
      return;
    }
    byId('opt-out-message').textContent = 'Permintaan belum terkirim. Silakan coba lagi.';
  } catch {
    byId('opt-out-message').textContent = 'Tidak ada koneksi. Silakan coba lagi.';
  }
  button.disabled = false;
});

document.addEventListener('visibilitychange', onVisibility);
void refresh();
