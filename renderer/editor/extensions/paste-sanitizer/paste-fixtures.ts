/**
 * Clipboard HTML as real applications put it on the clipboard, for the paste tests.
 * WORD_CLIPBOARD follows what Word for Windows (Microsoft 365) writes as text/html: the Office
 * namespaces, a <style> block of mso definitions, conditional comments, MsoListParagraph items with
 * `mso-list` styles and `mso-list:Ignore` marker spans, `<o:p>` fillers, a table and emphasis.
 */
export const WORD_CLIPBOARD = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="file:///C:/Users/analyst/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;
	mso-font-charset:0;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	mso-style-qformat:yes;
	margin-top:0cm;
	margin-bottom:8.0pt;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
h1
	{mso-style-priority:9;
	mso-style-link:"Heading 1 Char";
	mso-outline-level:1;
	font-size:16.0pt;}
p.MsoListParagraph, li.MsoListParagraph, div.MsoListParagraph
	{mso-style-priority:34;
	margin-left:36.0pt;}
@list l0
	{mso-list-id:1125933358;
	mso-list-type:hybrid;}
@list l0:level1
	{mso-level-number-format:bullet;
	mso-level-text:\\F0B7;}
-->
</style>
</head>

<body lang=EN-GB style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->

<h1><a name="_Toc1"></a><span lang=EN-US>Situation in the <span class=SpellE>Sahel</span><o:p></o:p></span></h1>

<p class=MsoNormal><b><span lang=EN-US>Bottom line:</span></b><span lang=EN-US> the
junta&#8217;s <i>new</i> decree tightens control<o:p></o:p></span></p>

<p class=MsoNormal><span style='font-weight:bold;mso-bidi-font-weight:normal'>Bold by style</span>
and <span style='font-style:italic'>italic by style</span> and
<span style='background:yellow;mso-highlight:yellow'>highlighted</span>.<o:p></o:p></p>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span
style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=EN-US>Fuel prices up 30%<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New";mso-fareast-font-family:"Courier New"'><span
style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]><span lang=EN-US>In Bamako first<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span
style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=EN-US>Convoys attacked twice<o:p></o:p></span></p>

<p class=MsoHeading2><span lang=EN-US>Key developments<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
lang=EN-US><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=EN-US>Talks resumed in <a href="https://example.org/talks">Algiers</a><o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
lang=EN-US><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=EN-US>Ceasefire <u>not</u> agreed<o:p></o:p></span></p>

<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><b><span lang=EN-US>Region<o:p></o:p></span></b></p>
  </td>
  <td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><b><span lang=EN-US>Events<o:p></o:p></span></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>
  <td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=EN-US>Mopti<o:p></o:p></span></p>
  </td>
  <td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>12<o:p></o:p></span></p>
  </td>
 </tr>
</table>

<!--EndFragment-->
</body>

</html>`;

/** Hostile web HTML: every way a page can try to run code or smuggle styling through a paste. */
export const HOSTILE_CLIPBOARD = `<meta charset="utf-8"><style>p { color: red }</style>
<h2 class="title" style="color:red" onclick="alert(1)">Report</h2>
<p>Intro <img src=x onerror=alert(1)> text <a href="javascript:alert(1)">bad link</a> and
<a href=" JaVa&#x09;script:alert(2)">tabbed</a> and <a href="https://example.com/ok" target="_blank" onmouseover="alert(3)">good link</a>
and <a href="mailto:desk@example.org">mail</a> and <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>.</p>
<script>alert('script')</script>
<div onclick="alert(4)" class="card" style="background:url(javascript:alert(5))">Clickable div</div>
<iframe src="https://evil.example/"></iframe>
<object data="evil.swf"></object>
<svg onload="alert(6)"><circle r="5"></circle><text>svg text</text></svg>
<math><mi>x</mi></math>
<form action="https://evil.example"><input name="q" onfocus="alert(7)" autofocus></form>
<p data-foo="x" aria-label="x" id="clobber" name="clobber">Plain</p>`;

/** A Google Docs paste: everything wrapped in a non-bold <b>, emphasis written as CSS. */
export const GOOGLE_DOCS_CLIPBOARD = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial;font-weight:700;">Strong</span><span style="font-size:11pt;font-family:Arial;font-weight:400;"> and </span><span style="font-size:11pt;font-family:Arial;font-style:italic;font-weight:400;">slanted</span></p></b>`;
