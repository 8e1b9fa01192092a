import { en, id } from '@purnajual/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const storageKey = 'purnajual.language';
export type Language = 'id' | 'en';

const savedLanguage = (): Language => (localStorage.getItem(storageKey) === 'en' ? 'en' : 'id');

export function changeLanguage(language: Language) {
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  return i18next.changeLanguage(language);
}

/** Bahasa Indonesia unless the user chose English on this device; called once, before the first render. */
export function initI18n() {
  void i18next.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: savedLanguage(),
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = savedLanguage();
}

export { i18next };
