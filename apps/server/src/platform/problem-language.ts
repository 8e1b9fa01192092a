import type { ErrorCode } from '@purnajual/contract';

/** The languages problem responses speak: Indonesian unless the caller prefers English. */
export type ProblemLanguage = 'id' | 'en';

/** A detail said in each language; a plain string is English only (most older details). */
export type LocalizedText = Record<ProblemLanguage, string>;

export const problemTitles: Record<ProblemLanguage, Record<ErrorCode, string>> = {
  en: {
    validation_failed: 'Validation failed',
    bad_request: 'Bad request',
    unauthenticated: 'Not signed in',
    invalid_credentials: 'Invalid credentials',
    invalid_second_factor: 'Invalid code',
    sign_in_expired: 'Sign-in expired',
    sso_refused: 'Single sign-on refused',
    invalid_api_key: 'Invalid API key',
    sso_unknown_user: 'Unknown user',
    totp_enrolment_required: 'Two-factor sign-in required',
    forbidden: 'Forbidden',
    insufficient_scope: 'Insufficient scope',
    not_found: 'Not found',
    push_disabled: 'Push notifications are off',
    method_not_allowed: 'Method not allowed',
    request_timeout: 'Request timeout',
    conflict: 'Conflict',
    invalid_transition: 'Invalid transition',
    version_conflict: 'Version conflict',
    insufficient_stock: 'Insufficient stock',
    part_limit_exceeded: 'Part limit exceeded',
    unpaid_balance: 'Unpaid balance',
    appointment_conflict: 'Appointment conflict',
    approval_outdated: 'Approval outdated',
    total_changed: 'Total changed',
    payment_exceeds_balance: 'Payment exceeds balance',
    approval_required: 'Approval required',
    overpaid_balance: 'Overpaid balance',
    refund_exceeds_overpayment: 'Refund exceeds overpayment',
    survey_already_answered: 'Survey already answered',
    import_running: 'Import already running',
    request_in_progress: 'Request still in progress',
    payload_too_large: 'Payload too large',
    quota_exceeded: 'Quota exceeded',
    unsupported_media_type: 'Unsupported media type',
    idempotency_key_reused: 'Idempotency key reused',
    rate_limited: 'Too many requests',
    internal_error: 'Internal server error',
    service_unavailable: 'Service unavailable',
  },
  id: {
    validation_failed: 'Validasi gagal',
    bad_request: 'Permintaan tidak valid',
    unauthenticated: 'Belum masuk',
    invalid_credentials: 'NIK atau kata sandi salah',
    invalid_second_factor: 'Kode salah',
    sign_in_expired: 'Waktu masuk habis',
    sso_refused: 'Masuk dengan SSO ditolak',
    invalid_api_key: 'Kunci API tidak sah',
    sso_unknown_user: 'Pengguna tidak dikenal',
    totp_enrolment_required: 'Wajib verifikasi dua langkah',
    forbidden: 'Tidak diizinkan',
    insufficient_scope: 'Cakupan kunci API tidak cukup',
    not_found: 'Tidak ditemukan',
    push_disabled: 'Notifikasi push tidak aktif',
    method_not_allowed: 'Metode tidak diizinkan',
    request_timeout: 'Waktu permintaan habis',
    conflict: 'Konflik',
    invalid_transition: 'Perubahan status tidak diizinkan',
    version_conflict: 'Konflik versi',
    insufficient_stock: 'Stok tidak cukup',
    part_limit_exceeded: 'Batas suku cadang terlampaui',
    unpaid_balance: 'Tagihan belum lunas',
    appointment_conflict: 'Jadwal bentrok',
    approval_outdated: 'Persetujuan kedaluwarsa',
    total_changed: 'Total berubah',
    payment_exceeds_balance: 'Pembayaran melebihi sisa tagihan',
    approval_required: 'Perlu persetujuan pelanggan',
    overpaid_balance: 'Kelebihan bayar',
    refund_exceeds_overpayment: 'Pengembalian melebihi kelebihan bayar',
    survey_already_answered: 'Survei sudah dijawab',
    import_running: 'Impor sedang berjalan',
    request_in_progress: 'Permintaan masih diproses',
    payload_too_large: 'Data terlalu besar',
    quota_exceeded: 'Kuota terlampaui',
    unsupported_media_type: 'Jenis berkas tidak didukung',
    idempotency_key_reused: 'Idempotency-Key sudah dipakai',
    rate_limited: 'Terlalu banyak permintaan',
    internal_error: 'Kesalahan pada server',
    service_unavailable: 'Layanan sedang tidak tersedia',
  },
};

/**
 * The language of `Accept-Language` that ranks highest (by `q`, then by order) among those
 * problems speak; Indonesian when the header names neither. `en-US` counts as English.
 */
export function problemLanguageOf(header: string | undefined): ProblemLanguage {
  const ranked = (header ?? '')
    .split(',')
    .slice(0, 32)
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter(
      (entry): entry is { language: ProblemLanguage; q: number; index: number } =>
        (entry.language === 'id' || entry.language === 'en') && entry.q > 0,
    )
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language ?? 'id';
}
