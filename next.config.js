/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // `next dev` blocks dev resources to other origins than localhost; tests and screenshots use 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  // The dev tools badge defaults to bottom-left, on top of the signed-in user's avatar in the sidebar.
  devIndicators: { position: "bottom-right" },
};

export default nextConfig;
