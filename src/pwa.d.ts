// Types of the virtual modules of vite-plugin-pwa (the service-worker registration hook).
/// <reference types="vite-plugin-pwa/react" />
