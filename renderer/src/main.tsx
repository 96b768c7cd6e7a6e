/// <reference types="vite/client" />
// zod-config first: it must run before core's schemas are built (module evaluation follows import order).
import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { getApi } from './api.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <App api={getApi()} />
  </StrictMode>,
);
