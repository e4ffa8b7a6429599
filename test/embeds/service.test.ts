import { expect } from '@open-wc/testing';
import { embedUrl, serviceOf } from '../../src/embeds/service.js';

describe('embeds: which URLs may load', () => {
  it('allows https: and relative URLs, resolved against the page', () => {
    expect(embedUrl('https://www.youtube-nocookie.com/embed/x')).to.equal('https://www.youtube-nocookie.com/embed/x');
    expect(embedUrl('/video/embed.html')).to.equal(new URL('/video/embed.html', document.baseURI).href);
    expect(embedUrl('//player.vimeo.com/video/1')).to.equal(new URL('//player.vimeo.com/video/1', document.baseURI).href);
  });

  it('refuses every other scheme, also when disguised by case, spaces, tabs or line breaks', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      '  javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'http://www.youtube.com/embed/x',
      'blob:https://example.com/1',
      'https://[broken',
    ]) {
      expect(embedUrl(url), url).to.equal(null);
    }
    expect(embedUrl(undefined)).to.equal(null);
  });
});

describe('embeds: the service a placeholder names', () => {
  it('knows YouTube, Vimeo and Google Maps by their hosts, videos as videos', () => {
    expect(serviceOf('https://www.youtube-nocookie.com/embed/x')).to.deep.equal({ name: 'YouTube', video: true });
    expect(serviceOf('https://www.youtube.com/embed/x')).to.deep.equal({ name: 'YouTube', video: true });
    expect(serviceOf('https://youtu.be/x')).to.deep.equal({ name: 'YouTube', video: true });
    expect(serviceOf('https://player.vimeo.com/video/1')).to.deep.equal({ name: 'Vimeo', video: true });
    expect(serviceOf('https://www.google.com/maps/embed?pb=1')).to.deep.equal({ name: 'Google Maps', video: false });
    expect(serviceOf('https://maps.google.nl/maps?q=x')).to.deep.equal({ name: 'Google Maps', video: false });
  });

  it('names anything else by its host, without www., and not a look-alike by a known name', () => {
    expect(serviceOf('https://www.google.com/search?q=x')).to.deep.equal({ name: 'google.com', video: false });
    expect(serviceOf('https://youtube.com.evil.example/embed')).to.deep.equal({ name: 'youtube.com.evil.example', video: false });
    expect(serviceOf('https://notyoutube.com/embed')).to.deep.equal({ name: 'notyoutube.com', video: false });
    expect(serviceOf('https://www.example.org/widget')).to.deep.equal({ name: 'example.org', video: false });
  });

  it('takes data-service as the name, keeping what the URL says about video', () => {
    expect(serviceOf('https://fast.wistia.net/embed/1', 'Wistia')).to.deep.equal({ name: 'Wistia', video: false });
    expect(serviceOf('https://www.youtube.com/embed/x', ' Ons kanaal ')).to.deep.equal({ name: 'Ons kanaal', video: true });
    expect(serviceOf('https://www.youtube.com/embed/x', '  ')).to.deep.equal({ name: 'YouTube', video: true });
  });
});
