/**
 * The sample library: the 2025 rare-earth export controls and the US–China trade talks, in Briefing
 * Desk's own JSON import format. Every source is a real, published article (title, publisher, date
 * and URL as published; how each was confirmed is in provenance.md next to this file). The `text`,
 * `excerpt` and event summaries are our own neutral words, never the articles' text.
 *
 * Kept as a TypeScript module rather than a .json file so every bundle (Electron main, CLI, server)
 * includes it without a copy step.
 */
export const SAMPLE_LIBRARY_JSON = {
  briefingDesk: 'events',
  version: 1,
  dataset: 'Sample: Rare earths and US–China talks 2025',
  sources: [
    {
      id: 'latimes-liberation-day',
      title: 'Trump declares ‘Liberation Day,’ announces tariffs on goods and automobiles worldwide',
      publisher: 'Los Angeles Times',
      authors: [],
      published: '2025-04-02',
      url: 'https://www.latimes.com/00000195-f891-d1bd-a5bf-ffb54a240000-123',
      language: 'en',
      text:
        'The report covers the Rose Garden event of 2 April 2025 at which President Donald Trump, calling the day "Liberation Day", announced sweeping import duties. ' +
        'He described them as reciprocal tariffs on countries that tax American goods and presented them as a way to bring manufacturing back to the United States. ' +
        'The announcement also covered tariffs on automobiles. The article notes that governments around the world watched the speech closely and that markets were expected to react sharply. ' +
        'For this library the piece anchors the start of the 2025 escalation: the tariff package hit China harder than most trading partners and set off the chain of countermeasures, ' +
        'export controls and negotiations that the later sources describe.',
      excerpt: 'Trump unveiled broad "reciprocal" tariffs at a White House ceremony he called Liberation Day.',
      reliability: 'B',
      credibility: '2',
      tags: ['tariffs', 'United States'],
    },
    {
      id: 'hklaw-rare-earth-controls',
      title: 'China Imposes Export Controls on Medium and Heavy Rare Earth Materials',
      publisher: 'Holland & Knight',
      authors: ['Joseph Sopcisak'],
      published: '2025-04-04',
      url: 'https://hklaw.com/en/insights/publications/2025/04/china-imposes-export-controls-on-medium-and-heavy-rare-earth-materials',
      language: 'en',
      text:
        'A law-firm client alert explaining Announcement No. 18 of 2025, issued on 4 April 2025 by China\'s Ministry of Commerce together with the General Administration of Customs. ' +
        'The announcement places seven medium and heavy rare earth elements under export licensing: samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium. ' +
        'The controls reach the metals and their alloys, oxides, compounds and mixtures, including magnet materials such as samarium-cobalt. ' +
        'The alert says the measures apply at once, that exporters must obtain a licence before shipping, and that Beijing justifies them by national security and non-proliferation obligations. ' +
        'It sets out the practical consequences for companies that buy these materials from China.',
      excerpt: 'Exporters of seven listed rare earths and related products now need a Chinese licence before shipping.',
      reliability: 'B',
      credibility: '2',
      tags: ['rare earths', 'export controls', 'China'],
    },
    {
      id: 'ap-china-125-percent',
      title: 'China Announces Countermeasures by Raising Tariffs on U.S. Goods from 84% to 125% from Saturday',
      publisher: 'The Japan News (Associated Press)',
      authors: [],
      published: '2025-04-11',
      url: 'https://japannews.yomiuri.co.jp/news-services/ap/20250411-248451/',
      language: 'en',
      text:
        'An Associated Press report from Beijing, carried by The Japan News, on 11 April 2025. China said it would raise its additional tariffs on American goods from 84% to 125% from the following day. ' +
        'The report explains that the total US tariff on Chinese goods had reached 145%, because the 125% rate announced by the White House that week came on top of an earlier 20% levy linked to fentanyl. ' +
        'A commerce ministry spokesman dismissed the rising US rates as a numbers game without economic meaning and warned that China would resist further pressure. ' +
        'The ministry also said it was filing another complaint at the World Trade Organization. The escalation came while Washington paused higher tariffs for most other countries.',
      excerpt: 'Beijing answered the 145% US tariff level by lifting its own duties on US goods to 125%.',
      reliability: 'B',
      credibility: '2',
      tags: ['tariffs', 'China', 'United States'],
    },
    {
      id: 'caixin-geneva-statement',
      title:
        'China-U.S. Joint Statement: Mutual Rollback of Some Tariffs, Continued Negotiations on Outstanding Issues (Includes Timeline of the Trade War) (AI Translation)',
      publisher: 'Caixin Global',
      authors: [],
      published: '2025-05-12',
      url: 'https://www.caixinglobal.com/2025-05-12/china-us-joint-statement-mutual-rollback-of-some-tariffs-continued-negotiations-on-outstanding-issues-includes-timeline-of-the-trade-war-102318875.html',
      language: 'en',
      text:
        'Caixin publishes the joint statement that China and the United States released on 12 May 2025 after their economic and trade meeting in Geneva, with a short digest and a timeline of the trade war. ' +
        'Both governments committed to act by 14 May: each suspends 24 percentage points of its April "reciprocal" tariff on the other for an initial 90 days while keeping 10%, ' +
        'and each cancels the further increases it had imposed in April. China also undertook to suspend or lift the non-tariff countermeasures it had taken against the United States since 2 April. ' +
        'The statement creates a standing consultation mechanism led on the Chinese side by Vice Premier He Lifeng and on the US side by Treasury Secretary Scott Bessent and Trade Representative Jamieson Greer.',
      excerpt: 'The Geneva statement cut most of the April tariff increases for 90 days and set up a consultation mechanism.',
      reliability: 'B',
      credibility: '1',
      tags: ['Geneva', 'tariffs', 'agreement'],
    },
    {
      id: 'st-chip-design-software',
      title: 'US tightens China chip curbs by targeting design software: Sources',
      publisher: 'The Straits Times (Reuters)',
      authors: [],
      published: '2025-05-28',
      url: 'https://www.straitstimes.com/business/companies-markets/us-tightens-china-chip-curbs-by-targeting-design-software-sources',
      language: 'en',
      text:
        'A Reuters report republished by The Straits Times. According to people familiar with the matter, the Commerce Department\'s Bureau of Industry and Security sent letters on 23 May 2025 ' +
        'to at least some leading suppliers of electronic design automation software, telling them to stop shipping to customers in China. ' +
        'Cadence, Synopsys and Siemens are named as the main makers of such tools. A department spokesperson said exports of strategic significance to China were under review ' +
        'and that some existing licences had been suspended or new licence requirements imposed meanwhile. The sources could not say how wide the curbs would be. ' +
        'The piece places the step in Washington\'s gradual tightening of controls on China\'s chip industry.',
      excerpt: 'Sources say Washington told chip-design software makers to halt sales to Chinese customers.',
      reliability: 'B',
      credibility: '3',
      tags: ['export controls', 'semiconductors', 'United States'],
    },
    {
      id: 'ht-totally-violated',
      title: 'Donald Trump says China ‘totally violated’ trade agreement: ‘So much for being Mr Nice Guy!\'',
      publisher: 'Hindustan Times',
      authors: ['HT News Desk'],
      published: '2025-05-30',
      url: 'https://www.hindustantimes.com/world-news/us-news/donald-trump-says-china-totally-violated-trade-agreement-so-much-for-being-mr-nice-guy-101748611297359.html',
      language: 'en',
      text:
        'The report covers a social media post of 30 May 2025 in which President Trump accused China of breaking the tariff agreement reached with the United States earlier in May. ' +
        'Trump argued that his high tariffs had badly hurt China\'s economy and that he had agreed a quick deal to spare it further damage, and then said China had violated that agreement; ' +
        'he did not say which commitment had been broken. The article adds that US officials had described the trade talks as stalled in the preceding days, ' +
        'and it presents the post as a renewed rise in tension between the two countries only weeks after the Geneva truce.',
      excerpt: 'Trump publicly accused Beijing of breaking the Geneva tariff truce without naming the breach.',
      reliability: 'B',
      credibility: '2',
      tags: ['accusation', 'Geneva', 'United States'],
    },
    {
      id: 'ap-china-blasts-us',
      title: 'China blasts US for its computer chip moves and for threatening student visas',
      publisher: 'CityNews Toronto (Associated Press)',
      authors: ['Christopher Bodeen'],
      published: '2025-06-02',
      url: 'https://toronto.citynews.ca/2025/06/02/china-blasts-us-for-its-computer-chip-moves-and-for-threatening-student-visas/',
      language: 'en',
      text:
        'An Associated Press report of 2 June 2025. China\'s Commerce Ministry said several recent US measures ran against the consensus reached in Geneva: ' +
        'guidance on export controls for AI chips, a halt to sales of chip-design software to China, and plans to revoke visas of Chinese students. ' +
        'The ministry maintained that China had kept its side of the deal by cancelling or suspending its tariff and non-tariff countermeasures, ' +
        'and said Washington was the party creating new friction. The report recalls the terms of the truce as described by the US trade representative: ' +
        'the US tariff level on Chinese goods fell from 145% to 30% and China\'s on US goods from 125% to 10%, for 90 days.',
      excerpt: 'Beijing accused Washington of undermining the Geneva truce with chip and visa measures.',
      reliability: 'B',
      credibility: '2',
      tags: ['accusation', 'export controls', 'China'],
    },
    {
      id: 'anews-trump-xi-call',
      title: 'Trump says call with Xi \'resulted in a very positive conclusion for both Countries\'',
      publisher: 'A News',
      authors: [],
      published: '2025-06-05',
      url: 'https://www.anews.com.tr/world/2025/06/05/trump-says-call-with-xi-resulted-in-a-very-positive-conclusion-for-both-countries',
      language: 'en',
      text:
        'A wire-based report of 5 June 2025 on the telephone call between President Trump and President Xi Jinping. ' +
        'According to Trump\'s own account on social media, the conversation lasted about an hour and a half and concentrated almost entirely on trade; ' +
        'he wrote that questions about rare earth products should now be settled and that the two teams would meet soon. ' +
        'He named Treasury Secretary Scott Bessent, Commerce Secretary Howard Lutnick and Trade Representative Jamieson Greer as the US negotiators. ' +
        'Trump also said Xi had invited him and the first lady to visit China and that he had returned the invitation. ' +
        'The report links the remark on rare earths to Beijing\'s export restrictions on the minerals and magnets.',
      excerpt: 'Trump said the 90-minute call with Xi cleared up the rare earth question and new talks would follow.',
      reliability: 'C',
      credibility: '2',
      tags: ['phone call', 'rare earths'],
    },
    {
      id: 'st-automaker-licences',
      title: 'China issues rare earth licences to suppliers of top 3 US automakers, sources say',
      publisher: 'The Straits Times (Reuters)',
      authors: [],
      published: '2025-06-06',
      url: 'https://www.straitstimes.com/asia/east-asia/china-issues-rare-earth-licenses-to-suppliers-of-top-3-us-automakers-sources-say',
      language: 'en',
      text:
        'A Reuters report republished by The Straits Times. Two people familiar with the matter said China had granted temporary rare earth export licences to suppliers of the three largest US carmakers, ' +
        'General Motors, Ford and Stellantis, some of them valid for six months; one said the approvals came on 2 June 2025. ' +
        'It was unclear which items or quantities the licences covered, or whether Beijing intended to make its licensing process, described by industry groups as slow and burdensome, easier in general. ' +
        'The report recalls that China\'s April restrictions on rare earths and magnets had disrupted supply chains for carmakers, aerospace, chip and defence companies, ' +
        'and that China produces about 90% of the world\'s rare earths.',
      excerpt: 'Suppliers of GM, Ford and Stellantis reportedly received temporary Chinese rare earth export licences.',
      reliability: 'B',
      credibility: '3',
      tags: ['rare earths', 'licences', 'automotive'],
    },
    {
      id: 'cna-london-announced',
      title: 'US, China to hold trade talks on June 9 in London, Trump says',
      publisher: 'CNA',
      authors: [],
      published: '2025-06-07',
      url: 'https://www.channelnewsasia.com/world/us-china-hold-trade-talks-june-9-london-trump-says-5169571',
      language: 'en',
      text:
        'A short Reuters-sourced item carried by CNA. On 6 June 2025 President Trump announced on his social media platform that three cabinet members, ' +
        'Treasury Secretary Scott Bessent, Commerce Secretary Howard Lutnick and Trade Representative Jamieson Greer, would meet Chinese representatives in London on 9 June to discuss a trade deal, ' +
        'and predicted the meeting would go well. The announcement followed his call with Xi Jinping the day before, which came after weeks of tension over critical minerals. ' +
        'The item recalls the 90-day arrangement of 12 May that rolled back part of the tariffs both sides had imposed, and lists the issues it left open, from fentanyl to Taiwan and China\'s export-led economic model.',
      excerpt: 'Trump named his London negotiating team the day after his call with Xi.',
      reliability: 'B',
      credibility: '2',
      tags: ['London', 'negotiations'],
    },
    {
      id: 'cna-london-talks',
      title: 'US, China seek to extend trade truce with London talks',
      publisher: 'CNA',
      authors: [],
      published: '2025-06-09',
      url: 'https://www.channelnewsasia.com/east-asia/us-china-trade-truce-london-talks-trade-tariffs-5171341',
      language: 'en',
      text:
        'A CNA report (agency copy) on the opening of the London round on 9 June 2025. Bessent, Lutnick and Greer lead the US side and Vice Premier He Lifeng, who also led in Geneva, heads China\'s team. ' +
        'The British government says it is hosting but not taking part. The report recalls the Trump–Xi call of the previous Thursday, with Trump describing a very positive outcome and Xinhua quoting Xi on correcting the course of relations, ' +
        'and the US charge that China had not honoured the Geneva deal. Rare earth shipments are described as a central issue, while Beijing wants US limits on technology, chips and student visas eased. ' +
        'It also recalls that the April escalation took US additional tariffs on Chinese goods to 145% and China\'s countermeasures to 125%, before the 90-day cut agreed in Switzerland.',
      excerpt: 'The London round opened with rare earth shipments and US technology curbs as the main disputes.',
      reliability: 'B',
      credibility: '2',
      tags: ['London', 'negotiations', 'rare earths'],
    },
    {
      id: 'cnbc-may-trade-data',
      title: 'China exports growth misses expectations despite tariff truce; imports plunge amid weak consumption',
      publisher: 'CNBC (via NBC San Diego)',
      authors: ['Anniek Bao'],
      published: '2025-06-09',
      url: 'https://www.nbcsandiego.com/news/business/money-report/china-exports-growth-misses-expectations-despite-tariff-truce-imports-plunge-amid-weak-consumption/3843211/',
      language: 'en',
      text:
        'A CNBC markets report on Chinese customs data for May 2025, released on 9 June. Total exports grew 4.8% in dollar terms from a year earlier, slightly below forecasts, and imports fell 3.4%, far more than expected. ' +
        'Shipments to the United States dropped 34.5% year on year, the steepest fall since early 2020, while exports to Southeast Asia, the European Union and Africa grew. ' +
        'China\'s exports of rare earths in May were 5.7% lower than a year before. Analysts quoted in the piece say the damage from the prohibitive April tariffs was done before the mid-May truce ' +
        'and that its effect should appear in the June figures. The data came out as the London talks began.',
      excerpt: 'China\'s May exports to the US fell by about a third from a year earlier despite the truce.',
      reliability: 'B',
      credibility: '2',
      tags: ['trade data', 'China'],
    },
    {
      id: 'joongang-london-talks',
      title: 'U.S. and China hold trade talks in London after Trump\'s phone call with Xi',
      publisher: 'Korea JoongAng Daily (Associated Press)',
      authors: [],
      published: '2025-06-10',
      url: 'https://koreajoongangdaily.joins.com/news/2025-06-10/world/world/US-and-China-hold-trade-talks-in-London-after-Trumps-phone-call-with-Xi/2326336',
      language: 'en',
      text:
        'An Associated Press report carried by Korea JoongAng Daily. The Chinese delegation under Vice Premier He Lifeng, with Commerce Minister Wang Wentao, met Lutnick, Bessent and Greer at Lancaster House in London on Monday 9 June 2025, ' +
        'and the talks were expected to run into a second day. The report recalls the 12 May agreement to suspend most of the triple-digit tariffs for 90 days, ' +
        'the disputes since then over advanced chips, student visas and rare earths, and the long Trump–Xi phone call of the previous Thursday. ' +
        'It cites Chinese figures showing exports to the United States about 35% lower in May than a year earlier, and notes that China began requiring licences for seven rare earth elements in April.',
      excerpt: 'High-level delegations met at Lancaster House to shore up the fragile truce.',
      reliability: 'B',
      credibility: '2',
      tags: ['London', 'negotiations'],
    },
    {
      id: 'rex-london-rare-earths',
      title: 'Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations',
      publisher: 'Rare Earth Exchanges',
      authors: [],
      published: '2025-06-10',
      url: 'https://rareearthexchanges.com/news/rare-earths-dominate-u-s-china-talks-as-trump-xi-call-spurs-high-stakes-london-negotiations',
      language: 'en',
      text:
        'A trade-press analysis of the London negotiations. It presents rare earths as both the main flashpoint and China\'s main bargaining chip, following the 5 June call in which, by the US account, Xi agreed to resume rare earth exports. ' +
        'The piece says US negotiators extended the talks toward 11 June and that the discussion turned on a trade of concessions: Washington signalling it could relax some of its export controls on semiconductor technology ' +
        'if Beijing speeds up rare earth shipments, and Beijing seeking reciprocal rollbacks first. It stresses that the call was initiated by the US side and contrasts the US account of it with China\'s official messaging, ' +
        'and it describes supply shortages affecting vehicle and defence manufacturing in North America.',
      excerpt: 'The analysis casts rare earths as the pivot of the London round, traded against US export controls.',
      reliability: 'C',
      credibility: '3',
      tags: ['rare earths', 'London', 'analysis'],
    },
  ],
  events: [
    {
      id: 'rare-earths-2025-001',
      date: '2025-04-02',
      summary:
        'President Trump announced broad "reciprocal" tariffs on imports from trading partners at a White House event he called Liberation Day; the package targeted China more heavily than most.',
      type: 'Tariff announcement',
      typeCode: '163',
      actors: [
        { name: 'Donald Trump', role: 'initiator', country: 'USA' },
        { name: 'China', role: 'target', country: 'CHN' },
      ],
      location: { name: 'Washington', country: 'USA', admin1: 'District of Columbia', lat: 38.8951, lon: -77.0364 },
      sources: ['latimes-liberation-day', 'cna-london-talks'],
    },
    {
      id: 'rare-earths-2025-002',
      date: '2025-04-04',
      summary:
        "China's commerce ministry and customs administration put seven medium and heavy rare earths (samarium, gadolinium, terbium, dysprosium, lutetium, scandium, yttrium) and related magnet materials under export licensing, effective at once.",
      type: 'Export controls',
      typeCode: '163',
      actors: [
        { name: 'Ministry of Commerce of China', role: 'initiator', country: 'CHN' },
        { name: 'General Administration of Customs of China', role: 'initiator', country: 'CHN' },
        { name: 'United States', role: 'target', country: 'USA' },
      ],
      location: { name: 'Beijing', country: 'CHN', admin1: 'Beijing', lat: 39.9042, lon: 116.4074 },
      sources: ['hklaw-rare-earth-controls', 'joongang-london-talks'],
    },
    {
      id: 'rare-earths-2025-003',
      date: '2025-04',
      summary:
        'After a round of tit-for-tat increases, US additional tariffs on Chinese goods reached 145% in total, including an earlier 20% fentanyl-related levy.',
      type: 'Tariff announcement',
      typeCode: '163',
      actors: [
        { name: 'United States', role: 'initiator', country: 'USA' },
        { name: 'China', role: 'target', country: 'CHN' },
      ],
      location: { name: 'Washington', country: 'USA', admin1: 'District of Columbia', lat: 38.8951, lon: -77.0364 },
      sources: ['ap-china-125-percent', 'cna-london-talks'],
    },
    {
      id: 'rare-earths-2025-004',
      date: '2025-04-11',
      summary:
        'China answered with countermeasures, raising its additional tariffs on US goods from 84% to 125% from the next day, and the commerce ministry filed a further WTO complaint.',
      type: 'Tariff announcement',
      typeCode: '163',
      actors: [
        { name: 'China', role: 'initiator', country: 'CHN' },
        { name: 'United States', role: 'target', country: 'USA' },
      ],
      location: { name: 'Beijing', country: 'CHN', admin1: 'Beijing', lat: 39.9042, lon: 116.4074 },
      sources: ['ap-china-125-percent'],
    },
    {
      id: 'rare-earths-2025-005',
      date: '2025-05-10',
      endDate: '2025-05-11',
      summary:
        'Treasury Secretary Scott Bessent and Trade Representative Jamieson Greer met Vice Premier He Lifeng in Geneva over two days, the first high-level US–China trade talks of the dispute.',
      type: 'Negotiations',
      typeCode: '046',
      actors: [
        { name: 'Scott Bessent', role: 'initiator', country: 'USA' },
        { name: 'Jamieson Greer', role: 'initiator', country: 'USA' },
        { name: 'He Lifeng', role: 'target', country: 'CHN' },
      ],
      location: { name: 'Geneva', country: 'CHE', admin1: 'Geneva', lat: 46.2044, lon: 6.1432 },
      sources: ['caixin-geneva-statement', 'joongang-london-talks'],
    },
    {
      id: 'rare-earths-2025-006',
      date: '2025-05-12',
      summary:
        'A joint statement after the Geneva talks said that for an initial 90 days each side would suspend 24 points of its April reciprocal tariff, keep 10% and drop the later April increases, and set up a standing consultation mechanism.',
      type: 'Agreement',
      typeCode: '057',
      actors: [
        { name: 'United States', role: 'initiator', country: 'USA' },
        { name: 'China', role: 'initiator', country: 'CHN' },
      ],
      location: { name: 'Geneva', country: 'CHE', admin1: 'Geneva', lat: 46.2044, lon: 6.1432 },
      sources: ['caixin-geneva-statement', 'cna-london-announced'],
    },
    {
      id: 'rare-earths-2025-007',
      date: '2025-05-14',
      summary:
        'The Geneva tariff cuts took effect: US tariffs on Chinese goods fell from 145% to 30% and China\'s on US goods from 125% to 10%, and China committed to lift non-tariff countermeasures taken since 2 April.',
      type: 'Tariff reduction',
      typeCode: '081',
      actors: [
        { name: 'United States', role: 'initiator', country: 'USA' },
        { name: 'China', role: 'initiator', country: 'CHN' },
      ],
      location: null,
      sources: ['caixin-geneva-statement', 'ap-china-blasts-us'],
    },
    {
      id: 'rare-earths-2025-008',
      date: '2025-05-23',
      summary:
        'The US Commerce Department reportedly told makers of chip-design (EDA) software, among them Cadence, Synopsys and Siemens, to stop supplying Chinese customers, and suspended some export licences pending review.',
      type: 'Export controls',
      typeCode: '163',
      actors: [
        { name: 'US Department of Commerce', role: 'initiator', country: 'USA' },
        { name: 'China', role: 'target', country: 'CHN' },
      ],
      location: { name: 'Washington', country: 'USA', admin1: 'District of Columbia', lat: 38.8951, lon: -77.0364 },
      sources: ['st-chip-design-software', 'ap-china-blasts-us'],
    },
    {
      id: 'rare-earths-2025-009',
      date: '2025-05-30',
      summary:
        'Trump said China had "totally violated" the Geneva agreement, without saying which commitment was broken, after US officials had described the trade talks as stalled.',
      type: 'Accusation',
      typeCode: '112',
      actors: [
        { name: 'Donald Trump', role: 'initiator', country: 'USA' },
        { name: 'China', role: 'target', country: 'CHN' },
      ],
      location: { name: 'Washington', country: 'USA', admin1: 'District of Columbia', lat: 38.8951, lon: -77.0364 },
      sources: ['ht-totally-violated'],
    },
    {
      id: 'rare-earths-2025-010',
      date: '2025-06-02',
      summary:
        "China's commerce ministry rejected the US charge and accused Washington of breaking the Geneva consensus with AI-chip export guidance, the halt on chip-design software sales and plans to revoke Chinese students' visas.",
      type: 'Accusation',
      typeCode: '112',
      actors: [
        { name: 'Ministry of Commerce of China', role: 'initiator', country: 'CHN' },
        { name: 'United States', role: 'target', country: 'USA' },
      ],
      location: { name: 'Beijing', country: 'CHN', admin1: 'Beijing', lat: 39.9042, lon: 116.4074 },
      sources: ['ap-china-blasts-us'],
    },
    {
      id: 'rare-earths-2025-011',
      date: '2025-06-02',
      summary:
        'Suppliers of General Motors, Ford and Stellantis reportedly received temporary Chinese export licences for rare earths, some valid for six months; scope and quantities were not disclosed.',
      type: 'Licence approvals',
      typeCode: '081',
      actors: [
        { name: 'China', role: 'initiator', country: 'CHN' },
        { name: 'Suppliers of US automakers', role: 'target', country: 'USA' },
      ],
      location: { name: 'Beijing', country: 'CHN', admin1: 'Beijing', lat: 39.9042, lon: 116.4074 },
      sources: ['st-automaker-licences'],
    },
    {
      id: 'rare-earths-2025-012',
      date: '2025-06-05',
      summary:
        'Trump and Xi Jinping spoke by phone for about 90 minutes at the US side\'s request; Trump said rare earth questions were settled and new talks would follow, while Chinese readouts did not mention rare earths.',
      type: 'Phone call',
      typeCode: '040',
      actors: [
        { name: 'Donald Trump', role: 'initiator', country: 'USA' },
        { name: 'Xi Jinping', role: 'target', country: 'CHN' },
      ],
      location: null,
      sources: ['anews-trump-xi-call', 'rex-london-rare-earths', 'cna-london-talks'],
    },
    {
      id: 'rare-earths-2025-013',
      date: '2025-06-06',
      summary:
        'Trump announced that Bessent, Lutnick and Greer would meet Chinese representatives in London on 9 June to discuss the trade deal.',
      type: 'Announcement of talks',
      typeCode: '036',
      actors: [
        { name: 'Donald Trump', role: 'initiator', country: 'USA' },
        { name: 'China', role: 'target', country: 'CHN' },
      ],
      location: { name: 'Washington', country: 'USA', admin1: 'District of Columbia', lat: 38.8951, lon: -77.0364 },
      sources: ['cna-london-announced'],
    },
    {
      id: 'rare-earths-2025-014',
      date: '2025-06-09',
      summary:
        "Customs data showed China's exports to the US in May down 34.5% year on year, the sharpest fall since early 2020, while total exports still grew 4.8% as shipments to Southeast Asia and the EU rose.",
      type: 'Trade data',
      actors: [{ name: 'General Administration of Customs of China', role: 'initiator', country: 'CHN' }],
      location: { name: 'Beijing', country: 'CHN', admin1: 'Beijing', lat: 39.9042, lon: 116.4074 },
      sources: ['cnbc-may-trade-data', 'joongang-london-talks'],
    },
    {
      id: 'rare-earths-2025-015',
      date: '2025-06-09',
      endDate: '2025-06-10',
      summary:
        'Bessent, Lutnick and Greer met Vice Premier He Lifeng at Lancaster House in London, with rare earth shipments and US export controls at the centre; the first day ended with talks set to continue.',
      type: 'Negotiations',
      typeCode: '046',
      actors: [
        { name: 'Scott Bessent', role: 'initiator', country: 'USA' },
        { name: 'Howard Lutnick', role: 'initiator', country: 'USA' },
        { name: 'Jamieson Greer', role: 'initiator', country: 'USA' },
        { name: 'He Lifeng', role: 'target', country: 'CHN' },
      ],
      location: { name: 'London', country: 'GBR', admin1: 'England', lat: 51.5074, lon: -0.1278 },
      sources: ['cna-london-talks', 'joongang-london-talks', 'rex-london-rare-earths'],
    },
    {
      id: 'rare-earths-2025-016',
      date: '2025-06-10',
      endDate: '2025-06-11',
      summary:
        'The London negotiations were extended toward 11 June; the US side signalled it could ease some export controls if China sped up rare earth shipments, while Beijing sought reciprocal rollbacks.',
      type: 'Negotiations',
      typeCode: '046',
      actors: [
        { name: 'Howard Lutnick', role: 'initiator', country: 'USA' },
        { name: 'Jamieson Greer', role: 'initiator', country: 'USA' },
        { name: 'He Lifeng', role: 'target', country: 'CHN' },
      ],
      location: { name: 'London', country: 'GBR', admin1: 'England', lat: 51.5074, lon: -0.1278 },
      sources: ['rex-london-rare-earths'],
    },
  ],
} as const;

/** The sample dataset's name, as shown in the library and used to make loading idempotent. */
export const SAMPLE_DATASET_NAME = SAMPLE_LIBRARY_JSON.dataset;

/** The file name the sample is imported under (the importer detects the JSON format from it and the content). */
export const SAMPLE_FILE_NAME = 'rare-earths-2025.json';

/** The sample library as UTF-8 bytes of a JSON import file. */
export function sampleLibraryBytes(): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(SAMPLE_LIBRARY_JSON, null, 2)}\n`);
}
