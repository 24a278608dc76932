/** The demo site's own stylesheet: a customer's site brings its own CSS, not Tailor's. */
export const DEMO_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1917;background:#faf7f2;padding-bottom:120px}
a{color:#b45309}
img{max-width:100%;display:block}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.masthead{background:#1c1917;color:#faf7f2}
.masthead .wrap{display:flex;align-items:center;gap:32px;height:64px}
.brand{font:800 22px/1 Georgia,"Times New Roman",serif;color:#faf7f2;text-decoration:none;letter-spacing:-.02em}
.brand span{color:#f59e0b}
.nav{display:flex;gap:4px;flex-wrap:wrap}
.nav a{color:#e7e5e4;text-decoration:none;padding:6px 12px;border-radius:999px;font-size:14px;font-weight:500}
.nav a:hover,.nav a[aria-current=page]{background:#44403c;color:#fff}
.greeting{margin:20px 0 0;font-size:15px;color:#57534e;min-height:1.55em}
.greeting strong{color:#1c1917}
main{padding:12px 0 48px}
.hero{display:grid;grid-template-columns:1.1fr .9fr;gap:32px;align-items:center;background:#fff;border-radius:20px;padding:36px;box-shadow:0 1px 2px rgba(0,0,0,.06),0 8px 24px rgba(28,25,23,.06);margin-top:16px;min-height:330px}
.hero h1{font:800 40px/1.1 Georgia,"Times New Roman",serif;margin:0 0 12px;letter-spacing:-.02em}
.hero .body{color:#44403c;font-size:17px}
.hero img{border-radius:14px;width:100%;aspect-ratio:16/10;object-fit:cover;background:#e7e5e4}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:12px;font-weight:700;color:#b45309;margin:0 0 8px}
.btn{display:inline-flex;align-items:center;gap:6px;background:#1c1917;color:#fff;text-decoration:none;border:0;border-radius:999px;padding:10px 18px;font:600 14px/1 inherit;cursor:pointer}
.btn:hover{background:#44403c}
.btn.secondary{background:#fff;color:#1c1917;border:1px solid #d6d3d1}
.btn.secondary:hover{background:#f5f5f4}
.btn.amber{background:#d97706}
.btn.amber:hover{background:#b45309}
.grid{display:grid;grid-template-columns:2fr 1fr;gap:32px;margin-top:36px}
h2{font:700 24px/1.2 Georgia,"Times New Roman",serif;margin:0 0 16px}
.stories{display:grid;grid-template-columns:repeat(2,1fr);gap:16px}
.story{background:#fff;border-radius:14px;padding:18px;border:1px solid #e7e5e4;display:flex;flex-direction:column;gap:8px}
.story h3{margin:0;font:700 18px/1.3 Georgia,"Times New Roman",serif}
.story h3 a{color:inherit;text-decoration:none}
.story h3 a:hover{text-decoration:underline}
.tag{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.08em;padding:2px 8px;border-radius:999px;background:#fef3c7;color:#92400e;align-self:flex-start}
.tag.sports{background:#dcfce7;color:#166534}.tag.finance{background:#dbeafe;color:#1e40af}.tag.travel{background:#fce7f3;color:#9d174d}
.tag.technology{background:#ede9fe;color:#5b21b6}.tag.food{background:#ffedd5;color:#9a3412}.tag.fashion{background:#fae8ff;color:#86198f}
.card{background:#fff;border-radius:16px;border:1px solid #e7e5e4;padding:20px}
.offer h3{font:700 20px/1.25 Georgia,"Times New Roman",serif;margin:0 0 8px}
.offer .body{color:#44403c;font-size:15px;margin-bottom:14px}
.offer img{border-radius:10px;margin-bottom:14px;aspect-ratio:16/9;object-fit:cover;width:100%;background:#e7e5e4}
.aside{display:flex;flex-direction:column;gap:20px}
.products{display:grid;grid-template-columns:repeat(4,1fr);gap:16px}
.product{background:#fff;border:1px solid #e7e5e4;border-radius:14px;padding:14px;display:flex;flex-direction:column;gap:6px}
.product h3{font-size:15px;margin:0;line-height:1.3}
.product .price{font-weight:700}
.product .cat{font-size:12px;color:#78716c;text-transform:capitalize;margin:0}
.product .actions{display:flex;gap:6px;margin-top:auto;padding-top:8px;flex-wrap:wrap}
.product .actions .btn{padding:7px 12px;font-size:13px}
.thumb{aspect-ratio:4/3;border-radius:10px;display:grid;place-items:center;font-size:40px;background:#f5f5f4}
.thumb::after{content:attr(data-category);font:800 12px/1 ui-sans-serif,system-ui,sans-serif;letter-spacing:.22em;text-transform:uppercase;opacity:.55}
.thumb[data-category=sports]{background:#dcfce7;color:#166534}.thumb[data-category=fashion]{background:#fae8ff;color:#86198f}
.thumb[data-category=technology]{background:#ede9fe;color:#5b21b6}.thumb[data-category=food]{background:#ffedd5;color:#9a3412}
.thumb[data-category=travel]{background:#fce7f3;color:#9d174d}.thumb[data-category=finance]{background:#dbeafe;color:#1e40af}
section.block{margin-top:40px}
article.post{background:#fff;border-radius:20px;padding:40px;border:1px solid #e7e5e4}
article.post h1{font:800 38px/1.15 Georgia,"Times New Roman",serif;margin:8px 0 12px;letter-spacing:-.02em}
article.post .meta{color:#78716c;font-size:14px;margin-bottom:24px}
article.post p{font:18px/1.7 Georgia,"Times New Roman",serif;color:#292524}
.more{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:10px}
.more a{color:#1c1917;font-weight:600;text-decoration:none}
.more a:hover{text-decoration:underline}
.flights{display:flex;flex-direction:column;gap:12px}
.flight{display:flex;align-items:center;justify-content:space-between;gap:16px;background:#fff;border:1px solid #e7e5e4;border-radius:14px;padding:16px 20px}
.flight strong{font-size:18px}
.flight .fare{font-weight:700;font-size:18px}
.flight .actions{display:flex;gap:8px}
.search{display:flex;gap:12px;flex-wrap:wrap;align-items:end;margin-bottom:24px}
.search label{display:flex;flex-direction:column;font-size:13px;font-weight:600;color:#57534e;gap:4px}
.search select,.search input{font:inherit;padding:8px 10px;border:1px solid #d6d3d1;border-radius:10px;background:#fff;min-width:160px}
.shelf{margin-top:28px}
.shelf h3{text-transform:capitalize;margin:0 0 12px}
.notice{max-width:640px;margin:80px auto;background:#fff;border-radius:20px;padding:40px;border:1px solid #e7e5e4}
.notice h1{font:800 30px/1.2 Georgia,serif;margin:0 0 12px}
.notice code{background:#f5f5f4;padding:2px 6px;border-radius:6px;font-size:14px}
footer{color:#78716c;font-size:13px;padding:24px 0 40px;border-top:1px solid #e7e5e4;margin-top:48px}
.visitor-bar{position:fixed;left:0;right:0;bottom:0;background:#1e1b4b;color:#e0e7ff;font:13px/1.4 ui-sans-serif,system-ui,sans-serif;z-index:50;box-shadow:0 -4px 20px rgba(0,0,0,.2)}
.visitor-bar .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:10px 18px;padding:10px 24px}
.visitor-bar b{color:#fff}
.visitor-bar code{background:#312e81;color:#c7d2fe;padding:1px 6px;border-radius:6px;font-size:12px}
.visitor-bar select{font:inherit;padding:4px 6px;border-radius:8px;border:1px solid #4338ca;background:#312e81;color:#fff;max-width:280px}
.visitor-bar button{font:600 12px/1 inherit;padding:6px 10px;border-radius:8px;border:1px solid #4338ca;background:#3730a3;color:#fff;cursor:pointer}
.visitor-bar button:hover{background:#4338ca}
.visitor-bar .group{display:flex;align-items:center;gap:6px;flex-wrap:wrap}
.visitor-bar .decisions{display:flex;gap:6px;flex-wrap:wrap;width:100%}
.visitor-bar .chip{background:#312e81;border-radius:999px;padding:2px 10px;font-size:12px}
.visitor-bar .chip i{font-style:normal;color:#a5b4fc}
.visitor-bar .status{color:#a5b4fc;margin-left:auto}
.tailor-preview .visitor-bar{display:none}
.tailor-preview body,body.tailor-preview{padding-bottom:0}
.toast{position:fixed;right:20px;bottom:110px;background:#1c1917;color:#fff;padding:10px 14px;border-radius:12px;font-size:14px;opacity:0;transform:translateY(8px);transition:all .2s;z-index:60;pointer-events:none}
.toast.on{opacity:1;transform:none}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
@media (max-width:860px){.masthead .wrap{height:auto;padding:12px 16px;flex-wrap:wrap;gap:8px 16px}.wrap{padding:0 16px}.hero{padding:22px;min-height:0}.hero h1{font-size:30px}article.post{padding:24px}.hero,.grid{grid-template-columns:1fr}.products{grid-template-columns:repeat(2,1fr)}.stories{grid-template-columns:1fr}}
`;
