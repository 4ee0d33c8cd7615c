# diagnostic page: same 5 MB content, but <main> has ~250 <section> children of 100 blocks each
s=open('page-5mb.html').read()
head,rest=s.split('<main id="page">\n',1); body,tail=rest.split('</main>',1)
lines=[l for l in body.split('\n') if l.strip()]
open('page-5mbsect.html','w').write(head+'<main id="page">\n'+'\n'.join('<section>'+'\n'.join(lines[i:i+100])+'</section>' for i in range(0,len(lines),100))+'</main>'+tail)
