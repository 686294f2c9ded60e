"""Twenty invented complaint posts in the shapes real ones take (open letters, forum threads,
blog posts with bylines and readers' comments, news quoted, a neighbour's provider, a
switch to another company), with what a careful reader takes from each: the company the
story is about, the outcome and the apology ('unknown' where the text gives no cue).

Every company, person and event here is made up; the few well-known companies named appear
only as where the writer went or in a sentence that complains of nothing.
"""

from __future__ import annotations

SITE_COMPANIES = {
    "content/companies/glasnet.yaml": "name: Glasnet\nsector: telecom\n",
    "content/companies/waterlijn.yaml": "name: Waterlijn\nsector: utilities\n",
}

POSTS: dict[str, str] = {
    "e01.txt": """\
Dear Kabelhuis,
Dear Kabelhuis,
I have been your customer for eleven years and I have never written a letter like this.
On March 3, 2021 my connection dropped and it has dropped every evening since. Your engineer came twice.
He replaced the modem and said it was fixed. It seemed to be fixed for two days, but now it's not working again.
I called Kabelhuis six times. Nobody could tell me what is wrong.
Regards,
Tom Baker
""",
    "e02.md": """\
---
title: "Eight hours on hold with Parcelnet"
date: 2019-11-20
---
My parcel never arrived. The tracking said "delivered" on November 12, 2019, but nothing was at my door.

I spent eight hours on hold with Parcelnet over three days. Parcelnet finally refunded the full amount,
and the agent apologised for the trouble.

My neighbour uses another courier and never had this problem.
""",
    "e03.txt": """\
Thursday, February 7, 2019
Skyway Air lost my suitcase
We flew with Skyway Air from Lisbon. At the belt there was no suitcase.
I filed a report at the desk and emailed Skyway Air twice. They refused to pay for the clothes I had to buy.
Still no suitcase, three weeks later.
""",
    "e04.txt": """\
The bank that forgot me
Posted on May 2, 2020 by Ruth Miller
I opened a savings account with Ledgerly in January. In April Ledgerly froze it without a word.
I wrote to them, I called them, I visited a branch. Nothing. Sorry for the long post, but I needed to tell this.
After two months I closed my account and moved to another bank.
""",
    "e05.html": """\
<html><head><title>Our boiler and HeatRight | Home notes</title></head><body><article>
<h1>Our boiler and HeatRight</h1>
<p>Our boiler broke down on a cold Monday. We have a service contract with HeatRight, so I called HeatRight at once.</p>
<p>HeatRight sent someone the next day. He could not fix it and ordered a part.</p>
<p>The part took a week. Now we have heat again. HeatRight said sorry for the wait and took 50 pounds off the bill.</p>
</article>
<section class="comments"><h2>2 comments</h2><p>Anna: HeatRight gave me nothing when it happened to me!</p></section>
</body></html>
""",
    "e06.txt": """\
Why I left Streamtel
I was a Streamtel customer for six years. Streamtel raised the price three times in one year.
Every time I asked why, Streamtel sent a standard email.
In the end I cancelled my service and switched to another provider. I am done with Streamtel.
""",
    "e07.txt": """\
A letter that was never answered
I wrote to Civicwater about a bill for water we never used: 900 dollars for one month.
Civicwater has not answered my letter. I am still waiting for an answer, and for an apology.
""",
    "e08.txt": """\
My phone, my repair
I bought a phone from Gadgetstore in June. After a month the screen went black.
Gadgetstore sent it for repair. Three weeks later it came back, and the screen works again.
""",
    "n01.txt": """\
Acht dagen zonder internet bij Glasnet
• 3 maart 2019 • Anna de Vries
Op 20 februari 2019 viel mijn internet bij Glasnet uit. Ik heb drie keer gebeld met de klantenservice van Glasnet.
Acht dagen later kwam er eindelijk een monteur. Hij verving het modem.
Na acht dagen was het eindelijk opgelost. Ik kreeg 6 euro korting, maar geen excuses.
""",
    "n02.txt": """\
Beantwoord
Mijn nummer is weg
Wij waren dertig jaar klant bij Belnet. Onze buren stapten over naar Tele2.
Belnet heeft ons nummer per ongeluk naar Tele2 overgezet. Belnet zegt dat het niet hun fout is.
Er is niets opgelost en we hebben nog steeds geen vaste lijn.
""",
    "n03.txt": """\
Waarom wij voor glasvezel kozen
Mijn zus zat bij Eneco en vertelde dat ze daar tevreden over was. Wij wilden glasvezel.
De keuze viel daarom op Fiberlijn. Fiberlijn beloofde een aansluiting binnen twee weken.
Na zes weken belde ik Fiberlijn opnieuw. Fiberlijn wist van niets.
Ik wacht nog steeds op een datum.
""",
    "n04.txt": """\
Aan Waterlijn,
Aan Waterlijn,
Op 4 januari 2022 kreeg ik een rekening van 1200 euro voor één maand water.
Ik heb uw klantenservice gebeld en een klachtenformulier ingevuld.
Ik ontving een briefje waarin u excuses aanbood. De rekening is inmiddels rechtgezet.
Met hartelijke groeten,
Petra Smit
""",
    "n05.txt": """\
Drie weken zonder stroom in de keuken
Stroomhuis plaatste op 2 mei 2023 een nieuwe meter. Sindsdien valt de stroom in de keuken uit.
Ik heb Stroomhuis gebeld, gemaild en getweet naar @Stroomhuis. De monteur kwam en ging.
De stroom valt nog steeds elke avond uit. Stroomhuis weigert een tweede monteur te sturen.
""",
    "n06.md": """\
---
title: Pakketje kwijt
date: 2021-12-10
---
Mijn pakket van Pakketpost is kwijt. Volgens de app is het bezorgd, maar er ligt niets.

> Volgens het nieuws kreeg een klant van Pakketpost vorig jaar 100 euro compensatie na zo'n fout.

Ik heb een klacht ingediend bij Pakketpost. Ik heb nog geen reactie.
""",
    "n07.txt": """\
Over de bank die niet terugbelt
Ik ben al tien jaar klant bij Geldhuis. Sinds de nieuwe app werkt mijn pas niet meer.
Geldhuis beloofde drie keer terug te bellen. Ze belden nooit.
Ik heb mijn rekening opgezegd en ben overgestapt naar een andere bank.
""",
    "n08.txt": """\
Verzekering keert niet uit
Mijn fiets werd gestolen en ik ben verzekerd bij Veilighuis. Veilighuis wees de claim af.
Volgens Veilighuis had ik het verkeerde slot. Ik heb een brief gestuurd met de aankoopbon van het slot.
Veilighuis heeft de claim daarna alsnog uitbetaald en zich verontschuldigd.
""",
    "n09.txt": """\
De monteur
Glasnet had een monteur beloofd op dinsdag. Glasnet belde maandag af.
Op vrijdag kwam er eindelijk iemand van Glasnet. Hij keek en ging weer weg.
Ik heb Glasnet gemaild om te vragen wat er nu gebeurt.
""",
    "n10.txt": """\
Zonder tv
Ons tv-signaal van Beeldnet viel uit. Beeldnet zei dat het aan ons kastje lag.
Sorry voor de lange post, maar dit moest eruit.
Ik heb Beeldnet drie keer gebeld. Beeldnet stuurde een nieuw kastje en nu werkt alles weer.
""",
    "n11.txt": """\
Treinkaartje dubbel betaald
Bij Spoorlijn betaalde ik op 3 juni 2022 twee keer voor hetzelfde kaartje.
Ik vulde het formulier van Spoorlijn in. Spoorlijn stortte het geld terug.
Excuses? Die kwamen er niet.
""",
    "n12.txt": """\
Energierekening
Ik ben klant van Stroomhuis. Mijn voorschot ging zonder bericht van 90 naar 240 euro.
Stroomhuis zegt dat het klopt. Ik heb een klacht ingediend bij de Geschillencommissie.
""",
}

# file -> (company, outcome, apology) as a careful reader has it
EXPECTED: dict[str, tuple[str, str, str]] = {
    "e01.txt": ("Kabelhuis", "unresolved", "unknown"),
    "e02.md": ("Parcelnet", "resolved", "yes"),
    "e03.txt": ("Skyway Air", "unresolved", "unknown"),
    "e04.txt": ("Ledgerly", "gave-up", "unknown"),
    "e05.html": ("HeatRight", "resolved", "yes"),
    "e06.txt": ("Streamtel", "gave-up", "unknown"),
    "e07.txt": ("Civicwater", "open", "no"),
    "e08.txt": ("Gadgetstore", "resolved", "unknown"),
    "n01.txt": ("Glasnet", "resolved", "no"),
    "n02.txt": ("Belnet", "unresolved", "unknown"),
    "n03.txt": ("Fiberlijn", "open", "unknown"),
    "n04.txt": ("Waterlijn", "resolved", "yes"),
    "n05.txt": ("Stroomhuis", "unresolved", "unknown"),
    "n06.md": ("Pakketpost", "open", "unknown"),
    "n07.txt": ("Geldhuis", "gave-up", "unknown"),
    "n08.txt": ("Veilighuis", "resolved", "yes"),
    "n09.txt": ("Glasnet", "unknown", "unknown"),
    "n10.txt": ("Beeldnet", "resolved", "unknown"),
    "n11.txt": ("Spoorlijn", "resolved", "no"),
    "n12.txt": ("Stroomhuis", "unknown", "unknown"),
}
