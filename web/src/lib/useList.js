// A paged list bound to an API collection: filters, page, loading, error.
import { reactive, ref } from 'vue';
import { api } from './api.js';

export function useList(path, initialFilters = {}, { pageSize = 20 } = {}) {
  const filters = reactive({ ...initialFilters });
  const items = ref([]);
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  const error = ref(null);
  let seq = 0;

  function params() {
    return { ...filters, limit: size.value, offset: (page.value - 1) * size.value };
  }

  async function load() {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const data = await api.get(typeof path === 'function' ? path() : path, params());
      if (mine !== seq) return;
      items.value = data.items;
      total.value = data.total;
    } catch (e) {
      if (mine === seq) error.value = e;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  function search() {
    page.value = 1;
    return load();
  }

  return { filters, items, total, page, size, loading, error, load, search, params };
}
