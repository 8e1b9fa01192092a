import { id } from '@purnajual/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const storageKey = 'purnajual.language';
export type Language = 'id' | 'en';

const savedLanguage = (): Language => (localStorage.getItem(storageKey) === 'en' ? 'en' : 'id');

/**
 * English is fetched when chosen: most users read Indonesian, and the other language
 * need not weigh on everyone's first download (the technician app's service worker
 * keeps it for offline use like every other chunk).
 */
const englishResources = async () => (await import('@purnajual/client/i18n/en')).en;

export async function changeLanguage(language: Language) {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    i18next.addResourceBundle('en', 'translation', await englishResources());
  }
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  return i18next.changeLanguage(language);
}

/**
 * Bahasa Indonesia unless the user chose English on this device; awaited once, before the
 * first render. The build's prerender passes the language, having no device to ask.
 */
export async function initI18n(language: Language = savedLanguage()) {
  const resources = {
    id: { translation: id },
    ...(language === 'en' ? { en: { translation: await englishResources() } } : {}),
  };
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export { i18next };
