import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/contract'; // zod's Chinese messages for the shared schemas
import { App } from './App';
import { applyLargeFont, storedLargeFont } from './components/AppContext';
import './styles.css';

// Before the first paint, so large-font users never see the small layout.
applyLargeFont(storedLargeFont());

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
