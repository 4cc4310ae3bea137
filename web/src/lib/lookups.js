// Lists that many pages need (the org tree, departments, meeting kinds),
// fetched once per session.
import { api } from './api.js';

const cache = new Map();

function once(key, fn) {
  if (!cache.has(key)) {
    const p = fn().catch((e) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return cache.get(key);
}

export const getOrgs = () => once('orgs', async () => (await api.get('/orgs')).items);
export const getDepartments = () => once('departments', async () => (await api.get('/departments')).items);
export const getMeetingKinds = () => once('kinds', async () => (await api.get('/meeting-kinds')).items);
export function clearLookups() {
  cache.clear();
}
