/**
 * Briefing Desk's analyst style: numeric in citation order, entries laid out like NLM/Vancouver
 * (Citing Medicine) for the article and web types a briefing cites, each ending with the source's
 * Admiralty grade in brackets ("… [B2]"). CSL has no grade variable, so the item conversion
 * (`snapshotToCsl`) carries the grade in `annote`, which no other built-in style prints.
 * Written for this project; the layout follows the NLM/Vancouver CSL style (CC BY-SA 3.0).
 */
export const ANALYST_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="sort-only" initialize-with="" name-as-sort-order="all" sort-separator=" " name-delimiter=", " delimiter-precedes-last="always" default-locale="en-US">
  <info>
    <title>Briefing Desk analyst (numeric, with Admiralty grade)</title>
    <title-short>Analyst</title-short>
    <id>https://briefing-desk.local/styles/analyst</id>
    <category citation-format="numeric"/>
    <category field="generic-base"/>
    <summary>Numeric citation-sequence list in the NLM/Vancouver manner; every entry ends with the Admiralty grade of the source.</summary>
    <updated>2025-06-10T00:00:00+00:00</updated>
  </info>
  <locale xml:lang="en">
    <date form="text" delimiter=" ">
      <date-part name="year"/>
      <date-part name="month" form="short" strip-periods="true"/>
      <date-part name="day"/>
    </date>
    <terms>
      <term name="available at">available from</term>
      <term name="month-06" form="short">Jun.</term>
      <term name="month-07" form="short">Jul.</term>
      <term name="month-09" form="short">Sep.</term>
    </terms>
  </locale>
  <macro name="author">
    <names variable="author">
      <substitute>
        <names variable="editor"/>
      </substitute>
    </names>
  </macro>
  <macro name="internet">
    <choose>
      <if variable="URL">
        <text term="internet" text-case="capitalize-first" prefix="[" suffix="]"/>
      </if>
    </choose>
  </macro>
  <macro name="title">
    <group delimiter=" ">
      <text variable="title"/>
      <choose>
        <if match="none" variable="container-title">
          <text macro="internet"/>
        </if>
      </choose>
    </group>
  </macro>
  <macro name="container">
    <choose>
      <if variable="container-title">
        <group delimiter=" ">
          <text variable="container-title"/>
          <text macro="internet"/>
        </group>
      </if>
    </choose>
  </macro>
  <macro name="publisher">
    <choose>
      <if match="none" type="article-journal article-magazine article-newspaper periodical post-weblog">
        <group delimiter=": ">
          <text variable="publisher-place"/>
          <text variable="publisher"/>
        </group>
      </if>
    </choose>
  </macro>
  <macro name="availability">
    <group delimiter=": ">
      <text term="available at" text-case="capitalize-first"/>
      <text variable="URL"/>
    </group>
  </macro>
  <citation collapse="citation-number">
    <sort>
      <key variable="citation-number"/>
    </sort>
    <layout delimiter=", " prefix="[" suffix="]">
      <group delimiter=", ">
        <text variable="citation-number"/>
        <group delimiter=" ">
          <label variable="locator" form="short"/>
          <text variable="locator"/>
        </group>
      </group>
    </layout>
  </citation>
  <bibliography et-al-min="7" et-al-use-first="6">
    <layout>
      <text variable="citation-number" suffix=". "/>
      <group delimiter=" ">
        <group delimiter=". " suffix=".">
          <text macro="author"/>
          <text macro="title"/>
          <text macro="container"/>
          <text macro="publisher"/>
          <date variable="issued" form="text"/>
        </group>
        <text macro="availability"/>
        <text variable="annote" prefix="[" suffix="]"/>
      </group>
    </layout>
  </bibliography>
</style>
`;
